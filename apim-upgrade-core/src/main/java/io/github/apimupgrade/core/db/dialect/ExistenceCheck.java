package io.github.apimupgrade.core.db.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Existence guards for databases without transactional DDL: tells a runner whether a statement's effect is already
 * present (table created, column added, index dropped...), so that a re-run after a crash skips it instead of
 * failing on "already exists". {@link #skipReason} has the shape of {@code db.StatementGuard}:
 * {@code StatementGuard guard = ExistenceCheck::skipReason;}.
 */
public final class ExistenceCheck {
    private ExistenceCheck() {
    }

    /**
     * True when the statement's effect is already present, false when it must run; empty when the statement has no
     * recognised target (DML, ALTER COLUMN...) or the dialect cannot check that kind: run it.
     */
    public static Optional<Boolean> alreadyApplied(Connection connection, Dialect dialect, SqlStatement statement)
            throws SQLException {
        Optional<StatementTarget> target = dialect.target(statement);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        StatementTarget t = target.get();
        Optional<List<String>> params = t.parameters();
        Optional<String> sql = dialect.existsSql(t.kind());
        if (params.isEmpty() || sql.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(t.effectPresent(exists(connection, sql.get(), params.get())));
    }

    /**
     * Why the statement must not run again ("create table AM_USER: already done"), or empty to run it (not yet
     * applied, or not a recognised DDL shape).
     */
    public static Optional<String> skipReason(Connection connection, Dialect dialect, SqlStatement statement)
            throws SQLException {
        if (alreadyApplied(connection, dialect, statement).orElse(false)) {
            return Optional.of(dialect.target(statement).orElseThrow().describe() + ": already done");
        }
        return Optional.empty();
    }

    /** Runs an existence query ({@link Dialect#existsSql(ObjectKind)}) with its parameters. */
    public static boolean exists(Connection connection, String existsSql, List<String> parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(existsSql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
