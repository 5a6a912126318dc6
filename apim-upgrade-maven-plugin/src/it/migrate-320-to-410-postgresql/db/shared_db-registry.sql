-- IT FIXTURE: registry rows of a 3.2.0 installation (versioning off, 3.2.0's default): the API artifact of
-- PizzaShackAPI 1.0.0 with its status property, keyed by path and name (no REG_VERSION), as the registry writes
-- them when versioning is off. The tables come from apim-upgrade-core's test schema (registry/schema.sql).
INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (1, '/', NULL, -1234);
INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (2, '/_system/governance/apimgt/applicationdata/provider/admin/PizzaShackAPI/1.0.0', 1, -1234);
INSERT INTO REG_CONTENT (REG_CONTENT_ID, REG_CONTENT_DATA, REG_TENANT_ID) VALUES (1, 'api-artifact', -1234);
INSERT INTO REG_RESOURCE (REG_PATH_ID, REG_NAME, REG_VERSION, REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME, REG_LAST_UPDATOR, REG_LAST_UPDATED_TIME, REG_DESCRIPTION, REG_CONTENT_ID, REG_TENANT_ID, REG_UUID)
  VALUES (2, 'api', 1, 'application/vnd.wso2-api+xml', 'admin', TIMESTAMP '2021-03-01 10:00:00', 'admin', TIMESTAMP '2021-03-01 10:00:00', NULL, 1, -1234, '3e1f6b0a-0000-4000-8000-000000000001');
INSERT INTO REG_PROPERTY (REG_ID, REG_NAME, REG_VALUE, REG_TENANT_ID) VALUES (1, 'overview_status', 'PUBLISHED', -1234);
INSERT INTO REG_RESOURCE_PROPERTY (REG_PROPERTY_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID) VALUES (1, NULL, 2, 'api', -1234);
