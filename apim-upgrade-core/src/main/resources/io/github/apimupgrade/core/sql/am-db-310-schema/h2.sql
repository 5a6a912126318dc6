-- apim-upgrade (not in the guide): what WSO2's own 3.1.0 AM_DB schema has and the guide's 3.0.0 -> 3.1.0 script
-- leaves out. AM_CERTIFICATE_METADATA.ALIAS and END_POINT are VARCHAR(255) in 3.1.0 (3.0.0: 45 and 100); widening
-- keeps every row and re-runs harmlessly.
ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN ALIAS SET DATA TYPE VARCHAR(255);

ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN END_POINT SET DATA TYPE VARCHAR(255);

-- 3.1.0 keeps one system app per name and tenant domain (WSO2's 3.1.0 and 4.1.0 scripts declare only
-- UNIQUE (CONSUMER_KEY)); the guide drops 3.0.0's UNIQUE (NAME) on MySQL, PostgreSQL and Oracle but not here, so a
-- second tenant's system app could not be created. H2 cannot drop a unique key by its columns: the H2 dialect
-- runs this as DROP CONSTRAINT with the key's generated name; skipped when no such key is left.
ALTER TABLE AM_SYSTEM_APPS DROP UNIQUE (NAME);

-- The guide's H2 script creates AM_API_CATEGORIES.TENANT_ID without the DEFAULT -1 its six other dialects (and
-- WSO2's 3.1.0 mysql.sql) declare.
ALTER TABLE AM_API_CATEGORIES ALTER COLUMN TENANT_ID SET DEFAULT -1;
