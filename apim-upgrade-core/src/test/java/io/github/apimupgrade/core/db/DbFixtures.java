package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.testsupport.TestDatabases;

import java.util.Map;
import java.util.Set;

/** Builds {@link Database}s over the test databases. */
public final class DbFixtures {
    private DbFixtures() {
    }

    public static Datasource datasource(String name, String url, String user, String password) {
        return new Datasource(name, "jdbc/" + name, url, user, Secret.of(password), null, null, null, Map.of(),
                "test:" + name);
    }

    public static Database database(TestDatabases.TestDb db) {
        return new Database(Set.of(DatasourceRole.SHARED_DB), datasource("WSO2_SHARED_DB", db.url(), db.user(), db.password()),
                new Redactor());
    }

    public static Database h2(String url) {
        return new Database(Set.of(DatasourceRole.SHARED_DB), datasource("WSO2_SHARED_DB", url, "sa", ""), new Redactor());
    }
}
