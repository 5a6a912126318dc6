-- apim-upgrade: the guide's step 1.5 (4.0.0 -> 4.1.0) has no H2 text; these are the two indexes carbon-kernel v4.6.3
-- (API-M 4.1.0) adds to its H2 registry schema (distribution/kernel/carbon-home/dbscripts/h2.sql), under its names.
CREATE INDEX IF NOT EXISTS REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID);
CREATE INDEX IF NOT EXISTS REG_RESOURCE_PROPERTY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID);
