-- apim-upgrade (not in the guide): what WSO2's own 3.1.0 AM_DB schema has and the guide's 3.0.0 -> 3.1.0 script
-- leaves out. AM_CERTIFICATE_METADATA.ALIAS and END_POINT are VARCHAR2(255) in 3.1.0 (3.0.0: 45 and 100), so a longer
-- certificate alias or endpoint would fail after the upgrade. Widening keeps every row; MODIFY to the same length
-- re-runs harmlessly (NOT NULL is left as it is).
ALTER TABLE AM_CERTIFICATE_METADATA MODIFY (ALIAS VARCHAR2(255), END_POINT VARCHAR2(255))
/
