package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Decides, on databases whose DDL is not transactional (MySQL, MariaDB, Oracle, H2), whether a statement's effect
 * is already in place, so a re-run after a crash skips it instead of failing with "already exists".
 */
@FunctionalInterface
public interface StatementGuard {

    /** Why the statement must not run again ("index X already exists"); empty to run it. */
    Optional<String> alreadyApplied(Connection connection, Dialect dialect, SqlStatement statement) throws SQLException;

    /** Runs every statement. */
    StatementGuard NONE = (c, d, s) -> Optional.empty();
}
