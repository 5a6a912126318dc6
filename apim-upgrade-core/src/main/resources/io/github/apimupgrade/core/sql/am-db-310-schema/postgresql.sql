-- apim-upgrade (not in the guide): what WSO2's own 3.1.0 AM_DB schema has and the guide's 3.0.0 -> 3.1.0 script
-- leaves out. AM_CERTIFICATE_METADATA.ALIAS and END_POINT are VARCHAR(255) in 3.1.0 (3.0.0: 45 and 100), so a longer
-- certificate alias or endpoint would fail after the upgrade. Widening a VARCHAR keeps every row and re-runs harmlessly.
ALTER TABLE AM_CERTIFICATE_METADATA
ALTER COLUMN ALIAS TYPE VARCHAR(255),
ALTER COLUMN END_POINT TYPE VARCHAR(255);
