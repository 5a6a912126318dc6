-- Seed 004 step 2.6.1 (WSO2's reg-index.sql, written here from its documented effect): keep only the latest
-- REG_LOG row per registry path and tenant, so the indexer processes each resource once, then drop the log rows
-- of deleted resources (REG_ACTION = 7). Plain SQL for every supported database; repeatable.
CREATE TABLE REG_LOG_IDS_TO_KEEP (REG_LOG_ID INTEGER NOT NULL, REG_TENANT_ID INTEGER NOT NULL);
INSERT INTO REG_LOG_IDS_TO_KEEP (REG_LOG_ID, REG_TENANT_ID)
    SELECT MAX(REG_LOG_ID), REG_TENANT_ID FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID;
DELETE FROM REG_LOG WHERE NOT EXISTS (SELECT 1 FROM REG_LOG_IDS_TO_KEEP K
    WHERE K.REG_LOG_ID = REG_LOG.REG_LOG_ID AND K.REG_TENANT_ID = REG_LOG.REG_TENANT_ID);
DROP TABLE REG_LOG_IDS_TO_KEEP;
DELETE FROM REG_LOG WHERE REG_ACTION = 7;
