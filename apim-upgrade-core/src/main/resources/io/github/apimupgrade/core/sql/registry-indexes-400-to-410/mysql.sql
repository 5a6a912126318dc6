-- apim-upgrade: the guide's MySQL text declares the tag index USING HASH; InnoDB has no hash indexes and builds a
-- B-tree for it anyway, so the runnable form leaves the clause out (the index the database ends up with is the same).
CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID);

CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID);
