-- AM_DB, API-M 4.1.0 -> 4.2.0: the two API-M tables WSO2 4.2.0 has and 4.1.0 lacks, AM_CORRELATION_CONFIGS and
-- AM_CORRELATION_PROPERTIES (correlation-log switches per component), as WSO2 API-M 4.2.0 dbscripts/apimgt/mysql.sql
-- declares them (wso2/docker-apim v4.2.0.9 docker-compose/apim-with-analytics/conf/mysql/scripts/mysql_apim.sql).
-- Neither migration client creates them: the 4.2.0 API-M client (V420Migration) only migrates registry resources, and
-- the identity 6.0.0 client owns the IDN_* changes. Tables only: the 4.2.0 server writes their rows.
-- DB2 (checked as text only: no DB2 server here). One transaction; each table is created only while it is missing.
BEGIN
    IF NOT EXISTS (SELECT 1 FROM SYSCAT.TABLES WHERE TABSCHEMA = CURRENT SCHEMA AND TABNAME = 'AM_CORRELATION_CONFIGS') THEN
        EXECUTE IMMEDIATE 'CREATE TABLE AM_CORRELATION_CONFIGS (COMPONENT_NAME VARCHAR(45) NOT NULL, ENABLED VARCHAR(45) NOT NULL, PRIMARY KEY (COMPONENT_NAME))';
    END IF;
END
/

BEGIN
    IF NOT EXISTS (SELECT 1 FROM SYSCAT.TABLES WHERE TABSCHEMA = CURRENT SCHEMA AND TABNAME = 'AM_CORRELATION_PROPERTIES') THEN
        EXECUTE IMMEDIATE 'CREATE TABLE AM_CORRELATION_PROPERTIES (PROPERTY_NAME VARCHAR(45) NOT NULL, COMPONENT_NAME VARCHAR(45) NOT NULL, PROPERTY_VALUE VARCHAR(1023) NOT NULL, PRIMARY KEY (PROPERTY_NAME, COMPONENT_NAME), FOREIGN KEY (COMPONENT_NAME) REFERENCES AM_CORRELATION_CONFIGS(COMPONENT_NAME) ON DELETE CASCADE)';
    END IF;
END
/
