package io.github.apimupgrade.core.db.dialect;

/**
 * Kinds of schema objects a guarded statement creates or drops. The parameters of
 * {@link Dialect#existsSql(ObjectKind)} for each kind, in order, all upper case:
 * <ul>
 *   <li>TABLE: table</li>
 *   <li>COLUMN: table, column</li>
 *   <li>INDEX: table, index</li>
 *   <li>INDEX_IN_SCHEMA: index (any table of the current schema: {@code DROP INDEX i} without {@code ON t})</li>
 *   <li>SEQUENCE: sequence</li>
 *   <li>TRIGGER: trigger</li>
 *   <li>CONSTRAINT: table, constraint name</li>
 *   <li>PRIMARY_KEY: table (any primary key)</li>
 *   <li>PRIMARY_KEY_COLUMNS: table, comma-separated key columns in key order ("A,B")</li>
 *   <li>UNIQUE_KEY: table, comma-separated columns of a unique constraint in order</li>
 * </ul>
 */
public enum ObjectKind {
    TABLE, COLUMN, INDEX, INDEX_IN_SCHEMA, SEQUENCE, TRIGGER, CONSTRAINT, PRIMARY_KEY, PRIMARY_KEY_COLUMNS, UNIQUE_KEY
}
