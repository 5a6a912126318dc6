/**
 * The seven databases: one {@link io.github.apimupgrade.core.db.dialect.Dialect} class each
 * ({@code MariaDbDialect extends MySqlDialect}), found by {@link io.github.apimupgrade.core.db.dialect.Dialects}
 * from JDBC metadata. Each holds all SQL text for its database: its statement splitter (a
 * {@link io.github.apimupgrade.core.db.dialect.SqlSplitter} subclass overriding a few hooks), history DDL, lock SQL
 * and existence checks.
 *
 * <p>Scripts ship as resources ({@link io.github.apimupgrade.core.db.dialect.SqlScripts}). On databases without
 * transactional DDL a runner guards each statement: {@link io.github.apimupgrade.core.db.dialect.StatementTarget}
 * says what the statement creates or drops, {@link io.github.apimupgrade.core.db.dialect.Dialect#existsSql} how to
 * look for it, and {@link io.github.apimupgrade.core.db.dialect.StatementGuard} combines the two.
 */
package io.github.apimupgrade.core.db.dialect;
