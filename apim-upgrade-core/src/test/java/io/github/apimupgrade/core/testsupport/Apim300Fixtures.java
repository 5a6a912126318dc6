package io.github.apimupgrade.core.testsupport;

import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.db.dialect.SqlStatement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads the 3.0.0-era fixtures under {@code fixtures/apim-300/<dialect>/} of the apim-upgrade-standin test
 * dependency: {@code shared_db.sql} (REG_* and UM_*), {@code am_db.sql}, {@code analytics_db.sql} and their
 * {@code seed-*.sql} rows. MariaDB uses the mysql files.
 */
public final class Apim300Fixtures {

    private Apim300Fixtures() {
    }

    /** Runs the named fixture files (e.g. "shared_db", "seed-shared_db") in order. */
    public static void load(Connection c, String dialectId, String... files) throws SQLException {
        String dir = dialectId.equals("mariadb") ? "mysql" : dialectId;
        for (String f : files) {
            String script = read("/fixtures/apim-300/" + dir + "/" + f + ".sql");
            try (Statement s = c.createStatement()) {
                for (SqlStatement st : Dialects.byId(dialectId).orElseThrow().split(script)) {
                    try {
                        s.execute(st.text());
                    } catch (SQLException e) {
                        throw new SQLException(dir + "/" + f + ".sql:" + st.line() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    public static String read(String resource) {
        try (InputStream in = Apim300Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
