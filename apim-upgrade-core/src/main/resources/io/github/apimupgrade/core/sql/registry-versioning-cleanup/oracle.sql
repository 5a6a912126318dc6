-- Registry versioning clean-up (Oracle), set-based.
-- Leaves every REG_ table exactly as WSO2's script of upgrade step 1.5 does (registry-versioning-cleanup-seed):
--   * a REG_RESOURCE_<X> row whose REG_VERSION matches no REG_RESOURCE row (an old version) is deleted;
--   * the others get REG_PATH_ID and REG_RESOURCE_NAME from the REG_RESOURCE row with their REG_VERSION;
--   * REG_PROPERTY / REG_TAG / REG_COMMENT / REG_RATING rows no REG_RESOURCE_<X> row refers to are deleted
--     (matched on the id alone, as WSO2's NOT IN does).
-- It deletes first and updates only rows that change, so it makes fewer passes than WSO2's script, and every
-- statement can run again: a second run, or a run after a crash, changes nothing more.
-- REG_VERSION must be unique in REG_RESOURCE (WSO2's script fails otherwise); the step checks that first.
-- Oracle indexes no foreign key's referencing columns (deleting a parent row scans the child table), so the
-- same temporary indexes as on PostgreSQL are created after the big deletes and dropped at the end. Oracle
-- commits DDL at once: each statement commits on its own, and the index blocks tolerate an index that already
-- exists (or is already gone), so a re-run after a crash completes the script. ORA-01408 (the user indexed
-- these columns already) is tolerated too: that index then serves the same purpose.

DELETE FROM REG_RESOURCE_PROPERTY x
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE r WHERE r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL);

DELETE FROM REG_RESOURCE_TAG x
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE r WHERE r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL);

DELETE FROM REG_RESOURCE_COMMENT x
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE r WHERE r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL);

DELETE FROM REG_RESOURCE_RATING x
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE r WHERE r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL);

MERGE INTO REG_RESOURCE_PROPERTY x
USING REG_RESOURCE r ON (r.REG_VERSION = x.REG_VERSION)
WHEN MATCHED THEN UPDATE SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
  WHERE DECODE(x.REG_PATH_ID, r.REG_PATH_ID, 0, 1) = 1 OR DECODE(x.REG_RESOURCE_NAME, r.REG_NAME, 0, 1) = 1;

MERGE INTO REG_RESOURCE_TAG x
USING REG_RESOURCE r ON (r.REG_VERSION = x.REG_VERSION)
WHEN MATCHED THEN UPDATE SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
  WHERE DECODE(x.REG_PATH_ID, r.REG_PATH_ID, 0, 1) = 1 OR DECODE(x.REG_RESOURCE_NAME, r.REG_NAME, 0, 1) = 1;

MERGE INTO REG_RESOURCE_COMMENT x
USING REG_RESOURCE r ON (r.REG_VERSION = x.REG_VERSION)
WHEN MATCHED THEN UPDATE SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
  WHERE DECODE(x.REG_PATH_ID, r.REG_PATH_ID, 0, 1) = 1 OR DECODE(x.REG_RESOURCE_NAME, r.REG_NAME, 0, 1) = 1;

MERGE INTO REG_RESOURCE_RATING x
USING REG_RESOURCE r ON (r.REG_VERSION = x.REG_VERSION)
WHEN MATCHED THEN UPDATE SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
  WHERE DECODE(x.REG_PATH_ID, r.REG_PATH_ID, 0, 1) = 1 OR DECODE(x.REG_RESOURCE_NAME, r.REG_NAME, 0, 1) = 1;

BEGIN
  EXECUTE IMMEDIATE 'CREATE INDEX APIMUP_TMP_RRP_ID ON REG_RESOURCE_PROPERTY (REG_PROPERTY_ID, REG_TENANT_ID)';
EXCEPTION WHEN OTHERS THEN
  -- ORA-00955: left by an earlier run; ORA-01408: the columns are indexed already (by the user)
  IF SQLCODE NOT IN (-955, -1408) THEN RAISE; END IF;
END;
/

BEGIN
  EXECUTE IMMEDIATE 'CREATE INDEX APIMUP_TMP_RRT_ID ON REG_RESOURCE_TAG (REG_TAG_ID, REG_TENANT_ID)';
EXCEPTION WHEN OTHERS THEN
  -- ORA-00955: left by an earlier run; ORA-01408: the columns are indexed already (by the user)
  IF SQLCODE NOT IN (-955, -1408) THEN RAISE; END IF;
END;
/

BEGIN
  EXECUTE IMMEDIATE 'CREATE INDEX APIMUP_TMP_RRC_ID ON REG_RESOURCE_COMMENT (REG_COMMENT_ID, REG_TENANT_ID)';
EXCEPTION WHEN OTHERS THEN
  -- ORA-00955: left by an earlier run; ORA-01408: the columns are indexed already (by the user)
  IF SQLCODE NOT IN (-955, -1408) THEN RAISE; END IF;
END;
/

BEGIN
  EXECUTE IMMEDIATE 'CREATE INDEX APIMUP_TMP_RRR_ID ON REG_RESOURCE_RATING (REG_RATING_ID, REG_TENANT_ID)';
EXCEPTION WHEN OTHERS THEN
  -- ORA-00955: left by an earlier run; ORA-01408: the columns are indexed already (by the user)
  IF SQLCODE NOT IN (-955, -1408) THEN RAISE; END IF;
END;
/

DELETE FROM REG_PROPERTY p
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE_PROPERTY x WHERE x.REG_PROPERTY_ID = p.REG_ID);

DELETE FROM REG_TAG p
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE_TAG x WHERE x.REG_TAG_ID = p.REG_ID);

DELETE FROM REG_COMMENT p
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE_COMMENT x WHERE x.REG_COMMENT_ID = p.REG_ID);

DELETE FROM REG_RATING p
WHERE NOT EXISTS (SELECT 1 FROM REG_RESOURCE_RATING x WHERE x.REG_RATING_ID = p.REG_ID);

BEGIN
  EXECUTE IMMEDIATE 'DROP INDEX APIMUP_TMP_RRP_ID';
EXCEPTION WHEN OTHERS THEN
  -- ORA-01418: never created (the columns were indexed already) or dropped by an earlier run
  IF SQLCODE != -1418 THEN RAISE; END IF;
END;
/

BEGIN
  EXECUTE IMMEDIATE 'DROP INDEX APIMUP_TMP_RRT_ID';
EXCEPTION WHEN OTHERS THEN
  -- ORA-01418: never created (the columns were indexed already) or dropped by an earlier run
  IF SQLCODE != -1418 THEN RAISE; END IF;
END;
/

BEGIN
  EXECUTE IMMEDIATE 'DROP INDEX APIMUP_TMP_RRC_ID';
EXCEPTION WHEN OTHERS THEN
  -- ORA-01418: never created (the columns were indexed already) or dropped by an earlier run
  IF SQLCODE != -1418 THEN RAISE; END IF;
END;
/

BEGIN
  EXECUTE IMMEDIATE 'DROP INDEX APIMUP_TMP_RRR_ID';
EXCEPTION WHEN OTHERS THEN
  -- ORA-01418: never created (the columns were indexed already) or dropped by an earlier run
  IF SQLCODE != -1418 THEN RAISE; END IF;
END;
/
