package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The 3.0.0 fixtures (fixtures/apim-300/) load on every test database, hold the seed rows the path's tests and the
 * invoker IT rely on, and have the 3.0.0 shape the 3.0.0 -> 3.1.0 AM_DB script expects (its unique-NAME drop finds
 * the constraint / index by the name 3.0.0 gave it).
 */
class Apim300FixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void fixturesLoadWithTheirSeedRowsAndFitTheAmDbScript(String kind) throws Exception {
        try (Path31Fixture db = Path31Fixture.of(kind)
                .load("am_db", "shared_db", "analytics_db", "seed-am_db", "seed-shared_db");
             Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(3, count(s, "SELECT COUNT(*) FROM AM_API"));
            assertEquals(3, count(s, "SELECT COUNT(*) FROM AM_SYSTEM_APPS"));
            assertEquals(10, count(s, "SELECT COUNT(*) FROM REG_LOG"));
            assertEquals(2, count(s, "SELECT COUNT(*) FROM REG_LOG WHERE REG_ACTION = 7"));
            assertEquals(5, count(s, "SELECT COUNT(*) FROM (SELECT REG_PATH, REG_TENANT_ID FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID) t"));
            assertEquals(2, count(s, "SELECT COUNT(*) FROM REG_RESOURCE r JOIN REG_PATH p ON p.REG_PATH_ID = r.REG_PATH_ID"
                    + " AND p.REG_TENANT_ID = r.REG_TENANT_ID WHERE p.REG_PATH_VALUE = '/_system/config/apimgt/applicationdata'"
                    + " AND r.REG_NAME = 'tenant-conf.json'"));
            assertEquals(2, count(s, "SELECT COUNT(*) FROM APILASTACCESSSUMMARY"));
            // 3.0.0 shape: one system app per NAME
            assertThrows(SQLException.class, () -> s.execute("INSERT INTO AM_SYSTEM_APPS (NAME, CONSUMER_KEY, CONSUMER_SECRET)"
                    + " VALUES ('apim_publisher', 'otherKey', 'otherSecret')"));
            // sequences/identities were moved past the explicit ids
            s.execute("INSERT INTO REG_LOG (REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_TENANT_ID)"
                    + " VALUES ('/x', 'admin', CURRENT_TIMESTAMP, 1, -1234)");

            var script = SqlScripts.load(SqlScripts.AM_DB_300_TO_310, Dialects.byId(kind).orElseThrow());
            for (SqlStatement st : script.statements()) {
                s.execute(st.text());
            }
            if (!kind.equals("h2")) { // the guide's H2 script keeps the unique NAME
                s.execute("INSERT INTO AM_SYSTEM_APPS (NAME, CONSUMER_KEY, CONSUMER_SECRET, TENANT_DOMAIN)"
                        + " VALUES ('apim_publisher', 'tenantKey', 'tenantSecret', 'wso2.com')");
                assertEquals(2, count(s, "SELECT COUNT(*) FROM AM_SYSTEM_APPS WHERE NAME = 'apim_publisher'"));
            }
            assertEquals(3, count(s, "SELECT COUNT(*) FROM AM_SYSTEM_APPS WHERE TENANT_DOMAIN = 'carbon.super'"));

            // what the re-index leaves: the latest row per path and tenant, minus REG_ACTION = 7 rows
            c.setAutoCommit(false); // the PostgreSQL script keeps its work table for the transaction only
            for (SqlStatement st : SqlScripts.load("reg-index", Dialects.byId(kind).orElseThrow()).statements()) {
                s.execute(st.text());
            }
            c.commit();
            c.setAutoCommit(true);
            List<Long> left = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT REG_LOG_ID FROM REG_LOG WHERE REG_PATH <> '/x' ORDER BY REG_LOG_ID")) {
                while (rs.next()) {
                    left.add(rs.getLong(1));
                }
            }
            assertEquals(List.of(4L, 8L, 10L), left);
            assertEquals(1, count(s, "SELECT COUNT(*) FROM REG_LOG WHERE REG_PATH = '/x'"));
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
