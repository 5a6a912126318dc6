-- apim-upgrade (not in the guide): what WSO2's own 3.1.0 AM_DB schema has and the guide's 3.0.0 -> 3.1.0 script
-- leaves out. AM_CERTIFICATE_METADATA.ALIAS and END_POINT are VARCHAR(255) in 3.1.0 (3.0.0: 45 and 100), so a longer
-- certificate alias or endpoint would fail after the upgrade. Widening keeps every row; MODIFY re-runs harmlessly.
-- Source: WSO2 API-M 3.1.0 dbscripts/apimgt/mysql.sql (wso2/docker-apim v3.1.0.1, mysql_apim.sql).
ALTER TABLE AM_CERTIFICATE_METADATA
MODIFY ALIAS VARCHAR(255) NOT NULL,
MODIFY END_POINT VARCHAR(255) NOT NULL;
