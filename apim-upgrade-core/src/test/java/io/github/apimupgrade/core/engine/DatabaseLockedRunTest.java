package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.DatabaseLock;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two pipelines on one database: the second is refused by the first one's session lock, on a real PostgreSQL. */
class DatabaseLockedRunTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsRefusedWhileAnotherSessionHoldsTheDatabaseLock() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres()) {
            Path oldHome = LegacyHomeFixture.at(dir.resolve("old")).urls(pg.url(), pg.url(), pg.url()).write();
            Path newHome = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
            UpgradeRequest.Builder request = UpgradeRequest.builder().oldHome(oldHome).newHome(newHome)
                    .reportDirectory(dir.resolve("report"));
            for (String role : new String[] {"apimDb", "sharedDb", "userDb"}) {
                request.datasource(new DatasourceOverride(role, null, pg.user(), Secret.of(pg.password()), null, null));
            }
            Datasource ds = new Datasource("other-pipeline", null, pg.url(), pg.user(), Secret.of(pg.password()), null,
                    null, null, Map.of(), "test");
            try (Database other = new Database(Set.of(DatasourceRole.APIM_DB), ds, new Redactor());
                 DatabaseLock held = DatabaseLock.acquire(other, DatabaseLock.DEFAULT_NAME)) {
                UpgradeException e = assertThrows(UpgradeException.class,
                        () -> new UpgradeEngine(EventSink.discard()).migrate(request.build()));
                assertEquals(ErrorCode.LOCK_HELD, e.code(), e.getMessage());
                assertTrue(e.getMessage().contains("WSO2AM_DB"), e.getMessage());
            }
            assertEquals(StepState.PENDING, JournalFile.open(newHome, Clock.systemUTC()).get("prepare-config").state());
        }
    }
}
