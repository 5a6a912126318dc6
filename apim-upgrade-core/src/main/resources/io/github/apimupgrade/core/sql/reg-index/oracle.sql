-- REG_LOG compaction before re-indexing, set-based (same end state as WSO2's reg-index.sql):
-- keep the newest REG_LOG row of each (REG_PATH, REG_TENANT_ID) - by REG_LOG_ID alone, as WSO2's NOT IN
-- matches - and delete every REG_ACTION = 7 row. The ids to keep go to a work table with an index, and one
-- anti-join DELETE removes the rest (WSO2's NOT IN against an unindexed table is a scan per row on MySQL and
-- MariaDB: hours at a million rows). A re-run recomputes the work table and changes nothing more.
-- Oracle commits DDL at once, so the work table is an ordinary table: dropped first if a killed run left it,
-- then rebuilt from REG_LOG as it is now.
BEGIN
  EXECUTE IMMEDIATE 'DROP TABLE APIMUP_REG_LOG_KEEP';
EXCEPTION WHEN OTHERS THEN
  -- ORA-00942: no such table (the normal case)
  IF SQLCODE != -942 THEN RAISE; END IF;
END;
/

CREATE TABLE APIMUP_REG_LOG_KEEP AS
SELECT MAX(REG_LOG_ID) AS REG_LOG_ID FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID;

CREATE INDEX APIMUP_REG_LOG_KEEP_ID ON APIMUP_REG_LOG_KEEP (REG_LOG_ID);

DELETE FROM REG_LOG l
WHERE l.REG_ACTION = 7 OR NOT EXISTS (SELECT 1 FROM APIMUP_REG_LOG_KEEP k WHERE k.REG_LOG_ID = l.REG_LOG_ID);

DROP TABLE APIMUP_REG_LOG_KEEP;
