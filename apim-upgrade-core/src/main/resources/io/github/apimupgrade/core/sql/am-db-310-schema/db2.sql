-- apim-upgrade (not in the guide): what WSO2's own 3.1.0 AM_DB schema has and the guide's 3.0.0 -> 3.1.0 script
-- leaves out. Runs in one transaction.
-- 1. AM_CERTIFICATE_METADATA.ALIAS and END_POINT are VARCHAR(255) in 3.1.0 (3.0.0: 45 and 100). Increasing a VARCHAR
--    keeps every row.
ALTER TABLE AM_CERTIFICATE_METADATA
ALTER COLUMN ALIAS SET DATA TYPE VARCHAR(255)
ALTER COLUMN END_POINT SET DATA TYPE VARCHAR(255)
/

-- 2. 3.1.0 keeps one system app per name and tenant domain (WSO2's 3.1.0 and 4.1.0 scripts declare only
--    UNIQUE (CONSUMER_KEY)); the guide drops 3.0.0's UNIQUE (NAME) on MySQL, PostgreSQL and Oracle but not here, so a
--    second tenant's system app could not be created. The key has a generated name: it is found by its one column.
BEGIN
    FOR K AS SELECT T.CONSTNAME FROM SYSCAT.TABCONST T
        WHERE T.TABSCHEMA = CURRENT SCHEMA AND T.TABNAME = 'AM_SYSTEM_APPS' AND T.TYPE = 'U'
          AND (SELECT COUNT(*) FROM SYSCAT.KEYCOLUSE U WHERE U.TABSCHEMA = T.TABSCHEMA AND U.TABNAME = T.TABNAME AND U.CONSTNAME = T.CONSTNAME) = 1
          AND EXISTS (SELECT 1 FROM SYSCAT.KEYCOLUSE U WHERE U.TABSCHEMA = T.TABSCHEMA AND U.TABNAME = T.TABNAME AND U.CONSTNAME = T.CONSTNAME AND U.COLNAME = 'NAME')
    DO
        EXECUTE IMMEDIATE 'ALTER TABLE AM_SYSTEM_APPS DROP CONSTRAINT "' || K.CONSTNAME || '"';
    END FOR;
END
/
