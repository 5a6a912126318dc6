-- Registry versioning clean-up (MySQL), set-based.
-- Leaves every REG_ table exactly as WSO2's script of upgrade step 1.5 does (registry-versioning-cleanup-seed):
--   * a REG_RESOURCE_<X> row whose REG_VERSION matches no REG_RESOURCE row (an old version) is deleted;
--   * the others get REG_PATH_ID and REG_RESOURCE_NAME from the REG_RESOURCE row with their REG_VERSION;
--   * REG_PROPERTY / REG_TAG / REG_COMMENT / REG_RATING rows no REG_RESOURCE_<X> row refers to are deleted
--     (matched on the id alone, as WSO2's NOT IN does).
-- It deletes first and updates only rows that change, so it makes fewer passes than WSO2's script, and every
-- statement can run again: a second run, or a run after a crash, changes nothing more.
-- REG_VERSION must be unique in REG_RESOURCE (WSO2's script fails otherwise); the step checks that first.
-- InnoDB indexes every foreign key's referencing columns, so the anti-joins below are index lookups already;
-- the gain over WSO2's script comes from fewer passes: it first rewrites REG_PATH_ID of every row (setting the
-- old versions' to NULL, an indexed column) before deleting them, then updates the names in a third pass.

DELETE x FROM REG_RESOURCE_PROPERTY x
LEFT JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL
WHERE r.REG_VERSION IS NULL;

DELETE x FROM REG_RESOURCE_TAG x
LEFT JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL
WHERE r.REG_VERSION IS NULL;

DELETE x FROM REG_RESOURCE_COMMENT x
LEFT JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL
WHERE r.REG_VERSION IS NULL;

DELETE x FROM REG_RESOURCE_RATING x
LEFT JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION AND r.REG_PATH_ID IS NOT NULL
WHERE r.REG_VERSION IS NULL;

UPDATE REG_RESOURCE_PROPERTY x JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

UPDATE REG_RESOURCE_TAG x JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

UPDATE REG_RESOURCE_COMMENT x JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

UPDATE REG_RESOURCE_RATING x JOIN REG_RESOURCE r ON r.REG_VERSION = x.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

DELETE p FROM REG_PROPERTY p
LEFT JOIN REG_RESOURCE_PROPERTY x ON x.REG_PROPERTY_ID = p.REG_ID
WHERE x.REG_PROPERTY_ID IS NULL;

DELETE p FROM REG_TAG p
LEFT JOIN REG_RESOURCE_TAG x ON x.REG_TAG_ID = p.REG_ID
WHERE x.REG_TAG_ID IS NULL;

DELETE p FROM REG_COMMENT p
LEFT JOIN REG_RESOURCE_COMMENT x ON x.REG_COMMENT_ID = p.REG_ID
WHERE x.REG_COMMENT_ID IS NULL;

DELETE p FROM REG_RATING p
LEFT JOIN REG_RESOURCE_RATING x ON x.REG_RATING_ID = p.REG_ID
WHERE x.REG_RATING_ID IS NULL;
