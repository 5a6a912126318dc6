-- apim-upgrade: the guide's SQL Server text drops an index of the same name first (IF EXISTS ... DROP INDEX); a
-- 4.0.0 registry (carbon-kernel v4.6.2 dbscripts/mssql.sql) has none, and the runner skips an index that exists,
-- so the runnable form is the two CREATE INDEX statements alone.
CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID);

CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID);
