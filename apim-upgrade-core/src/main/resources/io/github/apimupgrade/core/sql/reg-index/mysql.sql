-- REG_LOG compaction before re-indexing, set-based (same end state as WSO2's reg-index.sql):
-- keep the newest REG_LOG row of each (REG_PATH, REG_TENANT_ID) - by REG_LOG_ID alone, as WSO2's NOT IN
-- matches - and delete every REG_ACTION = 7 row. The ids to keep go to a work table with an index, and one
-- anti-join DELETE removes the rest (WSO2's NOT IN against an unindexed table is a scan per row on MySQL and
-- MariaDB: hours at a million rows). A re-run recomputes the work table and changes nothing more.
-- The work table is a session temporary table (no implicit commit, gone if the session dies); the two
-- deletions are one pass: the newest row of a path is deleted too when its REG_ACTION is 7.
DROP TEMPORARY TABLE IF EXISTS APIMUP_REG_LOG_KEEP;

CREATE TEMPORARY TABLE APIMUP_REG_LOG_KEEP (REG_LOG_ID INTEGER NOT NULL, KEY (REG_LOG_ID)) ENGINE=InnoDB;

INSERT INTO APIMUP_REG_LOG_KEEP (REG_LOG_ID)
SELECT MAX(REG_LOG_ID) FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID;

DELETE l FROM REG_LOG l
LEFT JOIN APIMUP_REG_LOG_KEEP k ON k.REG_LOG_ID = l.REG_LOG_ID
WHERE k.REG_LOG_ID IS NULL OR l.REG_ACTION = 7;

DROP TEMPORARY TABLE APIMUP_REG_LOG_KEEP;
