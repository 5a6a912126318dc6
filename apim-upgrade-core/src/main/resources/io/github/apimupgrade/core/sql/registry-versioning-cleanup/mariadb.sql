-- Registry versioning clean-up (MariaDB), set-based.
-- Leaves every REG_ table exactly as WSO2's script of upgrade step 1.5 does (registry-versioning-cleanup-seed):
--   * a REG_RESOURCE_<X> row whose REG_VERSION matches no REG_RESOURCE row (an old version) is deleted;
--   * the others get REG_PATH_ID and REG_RESOURCE_NAME from the REG_RESOURCE row with their REG_VERSION;
--   * REG_PROPERTY / REG_TAG / REG_COMMENT / REG_RATING rows no REG_RESOURCE_<X> row refers to are deleted
--     (matched on the id alone, as WSO2's NOT IN does).
-- Every statement can run again: a second run, or a run after a crash, changes nothing more.
-- REG_VERSION must be unique in REG_RESOURCE (WSO2's script fails otherwise); the step checks that first.
-- InnoDB indexes every foreign key's referencing columns, so WSO2's deletes are index-driven already; the gain
-- comes from fewer row changes: WSO2's script rewrites REG_PATH_ID of every row, deletes, then rewrites the
-- names in another pass. Here the current versions' rows get path and name in one UPDATE, driven from
-- REG_RESOURCE; the old versions' rows, whose REG_PATH_ID is still NULL, go through the REG_PATH_ID index as
-- in WSO2's script; a last DELETE catches the rare unmatched row that has a path (written while versioning
-- was off), on what is left of the table. The orphan deletes keep WSO2's NOT IN: MariaDB's index_subquery on the
-- foreign key's index is its fastest form (the id columns are NOT NULL, so NOT IN cannot meet a NULL).

UPDATE REG_RESOURCE r JOIN REG_RESOURCE_PROPERTY x ON x.REG_VERSION = r.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

UPDATE REG_RESOURCE r JOIN REG_RESOURCE_TAG x ON x.REG_VERSION = r.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

UPDATE REG_RESOURCE r JOIN REG_RESOURCE_COMMENT x ON x.REG_VERSION = r.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

UPDATE REG_RESOURCE r JOIN REG_RESOURCE_RATING x ON x.REG_VERSION = r.REG_VERSION
SET x.REG_PATH_ID = r.REG_PATH_ID, x.REG_RESOURCE_NAME = r.REG_NAME
WHERE NOT (x.REG_PATH_ID <=> r.REG_PATH_ID AND x.REG_RESOURCE_NAME <=> r.REG_NAME);

DELETE FROM REG_RESOURCE_PROPERTY WHERE REG_PATH_ID IS NULL;

DELETE FROM REG_RESOURCE_TAG WHERE REG_PATH_ID IS NULL;

DELETE FROM REG_RESOURCE_COMMENT WHERE REG_PATH_ID IS NULL;

DELETE FROM REG_RESOURCE_RATING WHERE REG_PATH_ID IS NULL;

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

DELETE FROM REG_PROPERTY WHERE REG_ID NOT IN (SELECT REG_PROPERTY_ID FROM REG_RESOURCE_PROPERTY);

DELETE FROM REG_TAG WHERE REG_ID NOT IN (SELECT REG_TAG_ID FROM REG_RESOURCE_TAG);

DELETE FROM REG_COMMENT WHERE REG_ID NOT IN (SELECT REG_COMMENT_ID FROM REG_RESOURCE_COMMENT);

DELETE FROM REG_RATING WHERE REG_ID NOT IN (SELECT REG_RATING_ID FROM REG_RESOURCE_RATING);
