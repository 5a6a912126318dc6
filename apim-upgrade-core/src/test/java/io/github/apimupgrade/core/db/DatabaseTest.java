package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aMistypedH2PathIsAnErrorNotANewEmptyDatabase() {
        String url = "jdbc:h2:" + dir.resolve("no-such-db").toAbsolutePath();
        Datasource ds = new Datasource("WSO2AM_DB", "jdbc/WSO2AM_DB", url, "sa", Secret.of("topsecret"), null,
                "org.h2.Driver", null, Map.of(), "master-datasources.xml:12");
        try (Database db = new Database(Set.of(DatasourceRole.APIM_DB), ds, new Redactor())) {
            UpgradeException e = assertThrows(UpgradeException.class, db::dialect);
            assertEquals(ErrorCode.DATASOURCE_UNREACHABLE, e.code());
            assertEquals("master-datasources.xml:12", e.location());
            assertFalse(e.getMessage().contains("topsecret"));
        }
        assertFalse(Files.exists(dir.resolve("no-such-db.mv.db")));
    }

    @Test
    void onlyEmbeddedFileUrlsGetIfExists() {
        assertTrue(Database.jdbcUrl("jdbc:h2:/x/db").endsWith(";IFEXISTS=TRUE"));
        assertEquals("jdbc:h2:mem:x", Database.jdbcUrl("jdbc:h2:mem:x"));
        assertEquals("jdbc:h2:/x/db;IFEXISTS=FALSE", Database.jdbcUrl("jdbc:h2:/x/db;IFEXISTS=FALSE"));
        assertEquals("jdbc:postgresql://h/db", Database.jdbcUrl("jdbc:postgresql://h/db"));
    }
}
