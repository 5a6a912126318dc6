-- SHARED_DB (registry database), API-M 4.1.0 -> 4.2.0. WSO2 4.2.0 gives the four registry mapping tables
-- REG_RESOURCE_COMMENT, REG_RESOURCE_RATING, REG_RESOURCE_TAG and REG_RESOURCE_PROPERTY a surrogate primary key
-- ID (4.1.0 has none): WSO2 API-M 4.2.0 dbscripts/mysql.sql, as in wso2/docker-apim v4.2.0.9
-- docker-compose/apim-with-analytics/conf/mysql/scripts/mysql_shared.sql (v4.1.0.10 of the same file has no ID).
-- Existing rows are numbered by the new column; no row, key or index of 4.1.0 is dropped.
-- PostgreSQL: one sequence per table, as the registry's other PostgreSQL keys (REG_TAG_PK_SEQ ...); a volatile
-- default numbers every existing row while the column is added. One transaction; IF NOT EXISTS makes the script
-- a no-op on a database that already has the 4.2.0 shape.
CREATE SEQUENCE IF NOT EXISTS REG_RESOURCE_COMMENT_PK_SEQ;

ALTER TABLE REG_RESOURCE_COMMENT ADD COLUMN IF NOT EXISTS ID INTEGER DEFAULT NEXTVAL('REG_RESOURCE_COMMENT_PK_SEQ') NOT NULL PRIMARY KEY;

CREATE SEQUENCE IF NOT EXISTS REG_RESOURCE_RATING_PK_SEQ;

ALTER TABLE REG_RESOURCE_RATING ADD COLUMN IF NOT EXISTS ID INTEGER DEFAULT NEXTVAL('REG_RESOURCE_RATING_PK_SEQ') NOT NULL PRIMARY KEY;

CREATE SEQUENCE IF NOT EXISTS REG_RESOURCE_TAG_PK_SEQ;

ALTER TABLE REG_RESOURCE_TAG ADD COLUMN IF NOT EXISTS ID INTEGER DEFAULT NEXTVAL('REG_RESOURCE_TAG_PK_SEQ') NOT NULL PRIMARY KEY;

CREATE SEQUENCE IF NOT EXISTS REG_RESOURCE_PROPERTY_PK_SEQ;

ALTER TABLE REG_RESOURCE_PROPERTY ADD COLUMN IF NOT EXISTS ID INTEGER DEFAULT NEXTVAL('REG_RESOURCE_PROPERTY_PK_SEQ') NOT NULL PRIMARY KEY;
