package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.files.WriteProbe;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: with only dropins read-only, the run rewrote deployment.toml and deleted registry rows before failing
 * in migrate-identity. Every path the pending steps write is checked before the first change.
 * <p>
 * Tests run as root in CI, where chmod does not stop a write: the read-only paths here are made immutable with
 * {@code chattr +i}, which stops root too (and so does the probe's real create/open attempt). Where chattr is
 * unavailable (tmpfs, no e2fsprogs), a non-root user gets chmod instead; root without chattr skips.
 */
class UnwritablePathsTest {
    private static final List<String> STEPS = List.of("prepare-config", "migrate-registry-versioning", "migrate-resources",
            "migrate-identity", "migrate-apim", "reindex", "finalize");

    @TempDir
    Path dir;
    Path oldHome;
    Path newHome;
    final List<Path> locked = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        oldHome = LegacyHomeFixture.at(dir.resolve("old"))
                .urls(TestDatabases.h2Url(), TestDatabases.h2Url(), TestDatabases.h2Url()).write();
        newHome = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
    }

    @AfterEach
    void unlock() throws Exception {
        for (Path p : locked) {
            new ProcessBuilder("chattr", "-i", p.toString()).start().waitFor();
            p.toFile().setWritable(true);
        }
    }

    /** prepare-config edits deployment.toml; migrate-identity installs its client into dropins; finalize creates a file. */
    private final class WritingStep implements Step {
        private final String id;

        WritingStep(String id) {
            this.id = id;
        }

        @Override public java.util.Set<io.github.apimupgrade.core.config.DatasourceRole> databaseRoles() { return java.util.Set.of(); }

        @Override public String id() { return id; }
        @Override public String title() { return "test step " + id; }

        @Override
        public StepPlan plan(StepContext ctx) {
            Path file = switch (id) {
                case "prepare-config" -> ctx.newHome().home().resolve("repository/conf/deployment.toml");
                case "migrate-identity" -> ctx.newHome().home().resolve("repository/components/dropins/org.wso2.carbon.is.migration-1.0.154.jar");
                case "finalize" -> ctx.newHome().home().resolve("repository/conf/finalized/marker.txt");
                default -> ctx.newHome().home().resolve(id + ".txt");
            };
            String before = ctx.workspace().read(file).orElse("");
            return StepPlan.builder(id).action(WriteFileAction.of(file, newHome.relativize(file).toString(), before,
                    before + "# " + id + "\n", ctx.redactor()::redact)).build();
        }
    }

    private UpgradeEngine engine() {
        StepCatalog catalog = io.github.apimupgrade.core.testsupport.NoOpSteps.backupAndVerify(new StepCatalog());
        STEPS.forEach(id -> catalog.register(id, () -> new WritingStep(id)));
        return new UpgradeEngine(e -> { }, Clock.systemUTC(), ProcessLauncher.system(), catalog);
    }

    private UpgradeRequest request() {
        return UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).allowH2(true).reportDirectory(dir.resolve("report")).build();
    }

    @Test
    void aReadOnlyDropinsAndAnImmutableFileFailTheRunBeforeTheFirstChangeNamingEachPath() throws Exception {
        Path dropins = newHome.resolve("repository/components/dropins");
        Path conf = newHome.resolve("repository/conf");
        Files.createDirectories(conf.resolve("finalized"));
        Path finalized = conf.resolve("finalized");
        readOnly(dropins);
        readOnly(finalized);
        byte[] toml = Files.readAllBytes(conf.resolve("deployment.toml"));

        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().migrate(request()));

        assertEquals(ErrorCode.NOT_WRITABLE, e.code());
        assertTrue(e.getMessage().startsWith("2 path(s) the upgrade will write cannot be written; nothing was changed:"), e.getMessage());
        assertTrue(e.getMessage().contains(dropins.resolve("org.wso2.carbon.is.migration-1.0.154.jar") + " (migrate-identity): the directory "
                + dropins + " does not take new files"), e.getMessage());
        assertTrue(e.getMessage().contains(finalized.resolve("marker.txt") + " (finalize)"), e.getMessage());
        assertTrue(e.hint().contains("chattr -i"), e.hint());
        assertTrue(java.util.Arrays.equals(toml, Files.readAllBytes(conf.resolve("deployment.toml"))),
                "deployment.toml was changed before the failure");
        try (var s = Files.list(conf)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains("apim-upgrade")).toList(), "no backup, no temp file");
        }
        JournalFile journal = JournalFile.open(newHome, Clock.systemUTC());
        STEPS.forEach(id -> assertEquals(StepState.PENDING, journal.get(id).state(), id));

        unlock();
        locked.clear();
        engine().migrate(request());
        assertTrue(Files.readString(dropins.resolve("org.wso2.carbon.is.migration-1.0.154.jar")).contains("# migrate-identity"));
    }

    @Test
    void anImmutableFileIsFoundThoughItsDirectoryIsWritable() throws Exception {
        Path file = Files.writeString(dir.resolve("deployment.toml"), "[server]\n");
        readOnly(file);
        List<WriteProbe.Problem> problems = new WriteProbe().check(List.of(file, dir.resolve("new-dir/sub/created.txt")));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(file, problems.get(0).path());
        assertTrue(problems.get(0).reason().startsWith("the file cannot be written"), problems.get(0).reason());
        assertFalse(Files.exists(dir.resolve("new-dir")), "the check creates nothing");
    }

    private void readOnly(Path p) throws Exception {
        Process chattr = new ProcessBuilder("chattr", "+i", p.toString()).redirectErrorStream(true).start();
        if (chattr.waitFor() == 0) {
            locked.add(p);
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeFalse(root, "root without chattr +i: no way to make " + p + " read-only for the test");
        assertTrue(p.toFile().setWritable(false, false));
        locked.add(p);
    }
}
