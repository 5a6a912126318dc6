-- REG_LOG compaction before re-indexing, set-based (same end state as WSO2's reg-index.sql):
-- keep the newest REG_LOG row of each (REG_PATH, REG_TENANT_ID) - by REG_LOG_ID alone, as WSO2's NOT IN
-- matches - and delete every REG_ACTION = 7 row. The ids to keep go to a work table with an index, and one
-- anti-join DELETE removes the rest (WSO2's NOT IN against an unindexed table is a scan per row on MySQL and
-- MariaDB: hours at a million rows). A re-run recomputes the work table and changes nothing more.
-- One transaction; the work table is temporary and goes with the commit.
CREATE TEMPORARY TABLE APIMUP_REG_LOG_KEEP ON COMMIT DROP AS
SELECT MAX(REG_LOG_ID) AS REG_LOG_ID FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID;

ANALYZE APIMUP_REG_LOG_KEEP;

DELETE FROM REG_LOG l
WHERE NOT EXISTS (SELECT 1 FROM APIMUP_REG_LOG_KEEP k WHERE k.REG_LOG_ID = l.REG_LOG_ID);

DELETE FROM REG_LOG WHERE REG_ACTION = 7;
