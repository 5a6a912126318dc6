package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.ResourceOptions;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.ManualAction;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.apimupgrade.core.steps.resources.Homes.jar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateResourcesJarsTest {

    @TempDir
    Path dir;
    Homes homes;
    Path oldLib;
    Path oldDropins;
    Path newLib;
    Path newDropins;

    @BeforeEach
    void fixture() throws Exception {
        homes = Homes.twoSixToFourOne(dir);
        oldLib = homes.old.resolve("repository/components/lib");
        oldDropins = homes.old.resolve("repository/components/dropins");
        newLib = homes.neu.resolve("repository/components/lib");
        newDropins = homes.neu.resolve("repository/components/dropins");
        Path oldPlugins = homes.old.resolve("repository/components/plugins");
        Path newPlugins = homes.neu.resolve("repository/components/plugins");

        // old lib
        jar(oldLib.resolve("postgresql-42.2.5.jar")).maven("org.postgresql", "postgresql").entry("org/postgresql/Driver.class").write();
        jar(oldLib.resolve("acme-utils-1.2.jar")).maven("com.acme", "acme-utils").payload("acme").write();
        jar(oldLib.resolve("commons-lang3-3.9.jar")).maven("org.apache.commons", "commons-lang3").write();
        jar(oldLib.resolve("legacy.jar")).payload("legacy").write();
        jar(oldLib.resolve("mysql-connector-java-5.1.47.jar")).maven("mysql", "mysql-connector-java").write();
        Homes.write(oldLib.resolve("broken.jar"), "not a zip");
        jar(oldLib.resolve("stock-thing-1.0.jar")).write();
        Path tool = jar(oldLib.resolve("identical-tool-1.0.jar")).write();
        Files.createDirectories(newLib);
        Files.copy(tool, newLib.resolve("identical-tool-1.0.jar"));
        Files.setPosixFilePermissions(oldLib.resolve("acme-utils-1.2.jar"), PosixFilePermissions.fromString("rwxr-x---"));

        // old dropins
        jar(oldDropins.resolve("com.acme.mediator_1.0.0.jar")).bundle("com.acme.mediator", "1.0.0").write();
        jar(oldDropins.resolve("acme_utils_1.2_1.0.0.jar")).bundle("acme_utils_1.2", "1.0.0")
                .header("Bundle-ClassPath", ".,acme-utils-1.2.jar").write();
        jar(oldDropins.resolve("org.wso2.carbon.apimgt.gateway_6.4.50.jar")).bundle("org.wso2.carbon.apimgt.gateway", "6.4.50").write();
        jar(oldDropins.resolve("org.wso2.carbon.apimgt.migrate.client-2.6.x-1.jar")).bundle("org.wso2.carbon.apimgt.migrate.client", "2.6.0").write();
        jar(oldDropins.resolve("org.wso2.carbon.legacyfeature_1.0.0.jar")).bundle("org.wso2.carbon.legacyfeature", "1.0.0.patch").write();
        jar(oldPlugins.resolve("org.wso2.carbon.legacyfeature_1.0.0.jar")).bundle("org.wso2.carbon.legacyfeature", "1.0.0").write();

        // new home's own jars
        jar(newPlugins.resolve("commons-lang3_3.9.0.wso2v1.jar")).bundle("commons-lang3.wso2", "3.9.0.wso2v1").write();
        jar(newPlugins.resolve("legacy_1.0.0.jar")).bundle("legacy", "1.0.0").write();
        jar(newPlugins.resolve("org.wso2.carbon.apimgt.gateway_9.0.174.jar")).bundle("org.wso2.carbon.apimgt.gateway", "9.0.174").write();
        jar(newLib.resolve("mysql-connector-java-8.0.28.jar")).maven("mysql", "mysql-connector-java").write();

        homes.datasource("WSO2AM_DB", "org.postgresql.Driver").datasource("WSO2_MB_STORE_DB", "org.h2.Driver")
                .datasource("ORA_DB", "oracle.jdbc.OracleDriver");
        homes.options = new ResourceOptions(List.of("stock-thing-*.jar"), List.of("legacy*.jar"));
    }

    private static Set<String> copyTargets(StepPlan plan, Path home) {
        return plan.actions().stream().filter(a -> a.kind() == PlannedAction.Kind.FILE_COPY)
                .map(a -> home.relativize(((CopyFileAction) a).target()).toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void decidesEveryJarAndCopiesOnlyTheUsersOwn() {
        StepContext ctx = homes.context();
        StepPlan plan = new MigrateResourcesStep().plan(ctx);

        assertEquals(Set.of("repository/components/lib/postgresql-42.2.5.jar", "repository/components/lib/acme-utils-1.2.jar",
                "repository/components/lib/legacy.jar", "repository/components/dropins/com.acme.mediator_1.0.0.jar"),
                copyTargets(plan, homes.neu));

        String notes = String.join("\n", plan.notes());
        String warnings = String.join("\n", plan.warnings());
        assertTrue(notes.contains("[new] repository/components/lib/identical-tool-1.0.jar is already identical to [old] repository/components/lib/identical-tool-1.0.jar: skipped"), notes);
        assertTrue(notes.contains("[old] repository/components/lib/commons-lang3-3.9.jar is part of the product: the new home ships the same artifact as [new] repository/components/plugins/commons-lang3_3.9.0.wso2v1.jar"), notes);
        assertTrue(notes.contains("[old] repository/components/lib/stock-thing-1.0.jar is listed in stockJars"), notes);
        assertTrue(notes.contains("[old] repository/components/dropins/acme_utils_1.2_1.0.0.jar was generated by Carbon from a jar in components/lib (acme-utils-1.2.jar)"), notes);
        assertTrue(notes.contains("[old] repository/components/dropins/org.wso2.carbon.apimgt.gateway_6.4.50.jar is part of the product"), notes);
        assertTrue(notes.contains("JDBC driver org.h2.Driver ships with the product"), notes);
        assertTrue(notes.contains("[old] repository/components/dropins/org.wso2.carbon.apimgt.migrate.client-2.6.x-1.jar is a WSO2 migration client left from an earlier upgrade: not copied"), notes);

        assertTrue(warnings.contains("Version conflict: [old] repository/components/lib/mysql-connector-java-5.1.47.jar is the same artifact as [new] repository/components/lib/mysql-connector-java-8.0.28.jar: not copied"), warnings);
        assertTrue(warnings.contains("Cannot decide whether [old] repository/components/lib/broken.jar was added by the user: not a readable jar"), warnings);
        assertTrue(warnings.contains("Cannot decide whether [old] repository/components/dropins/org.wso2.carbon.legacyfeature_1.0.0.jar was added by the user: it is the same artifact as the old product bundle [old] repository/components/plugins/org.wso2.carbon.legacyfeature_1.0.0.jar"), warnings);
        assertTrue(warnings.contains("contains the JDBC driver oracle.jdbc.OracleDriver"), warnings);

        List<String> manual = plan.manualActions().stream().map(ManualAction::describe).toList();
        assertEquals(4, manual.stream().filter(m -> m.contains("mysql-connector") || m.contains("broken.jar")
                || m.contains("legacyfeature") || m.contains("oracle.jdbc.OracleDriver")).count(), manual.toString());

        CopyFileAction driver = (CopyFileAction) plan.actions().stream()
                .filter(a -> a.summary().contains("postgresql-42.2.5.jar")).findFirst().orElseThrow();
        assertTrue(driver.details().contains("why:    JDBC driver org.postgresql.Driver of a datasource in use"), driver.details());
        assertTrue(driver.details().contains("sha-256: " + io.github.apimupgrade.core.files.SafeFiles.sha256(oldLib.resolve("postgresql-42.2.5.jar"))));
        assertTrue(driver.summary().startsWith("copy [old] repository/components/lib/postgresql-42.2.5.jar -> [new] repository/components/lib/postgresql-42.2.5.jar ("));

        // nothing was written by plan()
        assertFalse(Files.exists(newLib.resolve("acme-utils-1.2.jar")));
    }

    @Test
    void applyCopiesBytesAndPermissionsAndASecondRunPlansNothing() throws Exception {
        MigrateResourcesStep step = new MigrateResourcesStep();
        StepContext ctx = homes.context();
        StepPlan plan = step.plan(ctx);
        step.apply(plan, ctx);

        for (String name : List.of("postgresql-42.2.5.jar", "acme-utils-1.2.jar", "legacy.jar")) {
            assertArrayEquals(Files.readAllBytes(oldLib.resolve(name)), Files.readAllBytes(newLib.resolve(name)), name);
        }
        assertArrayEquals(Files.readAllBytes(oldDropins.resolve("com.acme.mediator_1.0.0.jar")),
                Files.readAllBytes(newDropins.resolve("com.acme.mediator_1.0.0.jar")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(newLib.resolve("acme-utils-1.2.jar"))));
        assertFalse(Files.exists(newLib.resolve("mysql-connector-java-5.1.47.jar")), "conflicting version not copied");
        assertFalse(Files.exists(newLib.resolve("broken.jar")));
        assertFalse(Files.exists(newDropins.resolve("acme_utils_1.2_1.0.0.jar")));
        assertFalse(Files.exists(newDropins.resolve("org.wso2.carbon.legacyfeature_1.0.0.jar")));

        StepPlan again = step.plan(homes.context());
        assertTrue(again.actions().isEmpty(), again.actions().toString());
        assertTrue(String.join("\n", again.notes()).contains("[new] repository/components/lib/acme-utils-1.2.jar is already identical"));
    }

    @Test
    void driverMissingFromTheOldHomeIsCopiedFromTheUpgradesOwnClasspath(@TempDir Path other) throws Exception {
        Homes bare = Homes.twoSixToFourOne(other).datasource("WSO2AM_DB", "org.mariadb.jdbc.Driver");
        Path driverJar = Path.of(org.mariadb.jdbc.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        MigrateResourcesStep step = new MigrateResourcesStep();
        StepContext ctx = bare.context();

        StepPlan plan = step.plan(ctx);

        Path target = bare.neu.resolve("repository/components/lib").resolve(driverJar.getFileName().toString());
        CopyFileAction copy = (CopyFileAction) plan.actions().get(0);
        assertEquals(1, plan.actions().size());
        assertEquals(target, copy.target());
        assertTrue(copy.details().contains("why:    JDBC driver org.mariadb.jdbc.Driver of a datasource in use; the old home has no jar with it"), copy.details());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
        step.apply(plan, ctx);
        assertArrayEquals(Files.readAllBytes(driverJar), Files.readAllBytes(target));
        assertTrue(step.plan(bare.context()).actions().isEmpty());
    }

    @Test
    void differingSameNamedJarIsReplacedWithABackup() throws Exception {
        Path target = jar(newDropins.resolve("com.acme.mediator_1.0.0.jar")).bundle("com.acme.mediator", "1.0.0").payload("older build").write();
        byte[] before = Files.readAllBytes(target);
        MigrateResourcesStep step = new MigrateResourcesStep();
        StepContext ctx = homes.context();
        StepPlan plan = step.plan(ctx);

        CopyFileAction copy = (CopyFileAction) plan.actions().stream()
                .filter(a -> a.summary().contains("com.acme.mediator_1.0.0.jar")).findFirst().orElseThrow();
        assertTrue(copy.summary().endsWith("replaces a differing file, backup kept)"), copy.summary());
        step.apply(plan, ctx);

        assertArrayEquals(Files.readAllBytes(oldDropins.resolve("com.acme.mediator_1.0.0.jar")), Files.readAllBytes(target));
        Path backup = newDropins.resolve("com.acme.mediator_1.0.0.jar.apim-upgrade-20260102T030405Z.bak");
        assertArrayEquals(before, Files.readAllBytes(backup));
    }
}
