package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.AnalyticsOptions;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.testsupport.Apim300Fixtures;
import io.github.apimupgrade.core.testsupport.TestDatabases;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A fresh database of one kind (h2, postgresql, mariadb) and a hand-built 3.0.0 -> 3.1.0 step context around it. */
final class Path31Fixture implements AutoCloseable {
    final String kind;
    final String url;
    final String user;
    final String password;
    private final AutoCloseable drop;
    private final List<Databases> opened = new ArrayList<>();

    private Path31Fixture(String kind, String url, String user, String password, AutoCloseable drop) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.drop = drop;
    }

    static Path31Fixture of(String kind) {
        return switch (kind) {
            case "h2" -> new Path31Fixture("h2", TestDatabases.h2Url(), "sa", "h2-Secret-pw", () -> { });
            case "postgresql" -> {
                TestDatabases.TestDb db = TestDatabases.postgres();
                yield new Path31Fixture(kind, db.url(), db.user(), db.password(), db);
            }
            case "mariadb" -> {
                TestDatabases.TestDb db = TestDatabases.mariadb();
                yield new Path31Fixture(kind, db.url(), db.user(), db.password(), db);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    Path31Fixture load(String... files) throws SQLException {
        try (Connection c = connect()) {
            Apim300Fixtures.load(c, kind, files);
        }
        return this;
    }

    Datasource datasource(String name) {
        return new Datasource(name, "jdbc/" + name, url, user, Secret.of(password), null, null, null, Map.of(),
                "deployment.toml [database.test]");
    }

    /** A context whose every given role is this database. */
    StepContext context(Path oldHome, Path newHome, AnalyticsOptions analytics, List<DatasourceRole> roles,
                        boolean migrateApimDone) {
        Map<DatasourceRole, Datasource> byRole = new EnumMap<>(DatasourceRole.class);
        roles.forEach(r -> byRole.put(r, datasource(r == DatasourceRole.ANALYTICS_DB ? "APIM_ANALYTICS_DB" : "WSO2_SHARED_DB")));
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        UpgradeRequest request = UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).analytics(analytics).build();
        Installation old = new Installation(oldHome, "3.0.0", true, List.copyOf(byRole.values()), byRole);
        Installation neu = new Installation(newHome, "3.1.0", true, List.of(), Map.of());
        Redactor redactor = new Redactor();
        Databases dbs = new Databases(byRole, redactor);
        opened.add(dbs);
        JournalFile journal = JournalFile.open(newHome, clock);
        if (migrateApimDone) {
            journal.started(ScopeRoleMappingStep.MIGRATE_APIM);
            journal.succeeded(ScopeRoleMappingStep.MIGRATE_APIM, "done", 0);
        }
        return new StepContext(request, old, neu, PathCatalog.load().find("3.0.0", "3.1.0"), new Workspace(), dbs,
                EventSink.discard(), redactor, journal, clock, null);
    }

    @Override
    public void close() throws Exception {
        opened.forEach(Databases::close);
        drop.close();
    }
}
