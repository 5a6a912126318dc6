-- SHARED_DB (registry database), API-M 4.1.0 -> 4.2.0. WSO2 4.2.0 gives the four registry mapping tables
-- REG_RESOURCE_COMMENT, REG_RESOURCE_RATING, REG_RESOURCE_TAG and REG_RESOURCE_PROPERTY a surrogate primary key
-- ID (4.1.0 has none): WSO2 API-M 4.2.0 dbscripts/mysql.sql, as in wso2/docker-apim v4.2.0.9
-- docker-compose/apim-with-analytics/conf/mysql/scripts/mysql_shared.sql (v4.1.0.10 of the same file has no ID).
-- Existing rows are numbered by the new column; no row, key or index of 4.1.0 is dropped.
-- SQL Server: IDENTITY numbers the existing rows. Runs in one transaction; each statement acts only while its
-- column is missing.
IF NOT EXISTS (SELECT * FROM SYS.COLUMNS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[REG_RESOURCE_COMMENT]') AND NAME = 'ID')
    ALTER TABLE REG_RESOURCE_COMMENT ADD ID INTEGER IDENTITY(1,1) NOT NULL PRIMARY KEY;

IF NOT EXISTS (SELECT * FROM SYS.COLUMNS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[REG_RESOURCE_RATING]') AND NAME = 'ID')
    ALTER TABLE REG_RESOURCE_RATING ADD ID INTEGER IDENTITY(1,1) NOT NULL PRIMARY KEY;

IF NOT EXISTS (SELECT * FROM SYS.COLUMNS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[REG_RESOURCE_TAG]') AND NAME = 'ID')
    ALTER TABLE REG_RESOURCE_TAG ADD ID INTEGER IDENTITY(1,1) NOT NULL PRIMARY KEY;

IF NOT EXISTS (SELECT * FROM SYS.COLUMNS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[REG_RESOURCE_PROPERTY]') AND NAME = 'ID')
    ALTER TABLE REG_RESOURCE_PROPERTY ADD ID INTEGER IDENTITY(1,1) NOT NULL PRIMARY KEY;
