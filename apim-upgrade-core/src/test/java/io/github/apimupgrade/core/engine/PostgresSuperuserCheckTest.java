package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guide step 3: the API-M database user must be a PostgreSQL superuser; checked on a real server. */
class PostgresSuperuserCheckTest {

    @Test
    void anOrdinaryUserIsNamedWithTheExactFixAndASuperuserPasses() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres()) {
            String role = "apimup_u" + UUID.randomUUID().toString().substring(0, 8);
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'");
            }
            try {
                Datasource ordinary = new Datasource("WSO2AM_DB", "jdbc/WSO2AM_DB", pg.url(), role, Secret.of("pw-" + role),
                        null, null, null, Map.of(), "master-datasources.xml:33");
                try (Database db = new Database(Set.of(DatasourceRole.APIM_DB), ordinary, new Redactor())) {
                    Optional<Finding> f = EnginePreflight.postgresSuperuser(db);
                    assertTrue(f.isPresent());
                    assertEquals(Finding.Severity.ERROR, f.get().severity());
                    assertEquals("master-datasources.xml:33", f.get().location());
                    assertEquals("As a superuser, run: ALTER USER \"" + role + "\" WITH SUPERUSER;", f.get().hint());
                }
                Datasource admin = new Datasource("WSO2AM_DB", "jdbc/WSO2AM_DB", pg.url(), pg.user(), Secret.of(pg.password()),
                        null, null, null, Map.of(), "master-datasources.xml:33");
                try (Database db = new Database(Set.of(DatasourceRole.APIM_DB), admin, new Redactor())) {
                    assertTrue(EnginePreflight.postgresSuperuser(db).isEmpty());
                }
            } finally {
                try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP OWNED BY " + role);
                    st.execute("DROP ROLE " + role);
                }
            }
        }
    }
}
