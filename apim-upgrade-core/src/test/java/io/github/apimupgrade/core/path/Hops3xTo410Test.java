package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.config.toml.TomlKeyChanges;
import io.github.apimupgrade.core.config.yaml.MigrationConfigYaml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hops 3.1.0 -> 4.1.0 and 3.2.0 -> 4.1.0 as the catalogue holds them, checked against what both guides say:
 * identity 5.10.0 -> 5.11.0 with the same five migrators removed (steps 3.4 - 3.6), the API-M client's chain starting
 * at the old version (step 4), the PostgreSQL superuser note of the 3.2.0 guide only, the 3.x key changes.
 */
class Hops3xTo410Test {

    @ParameterizedTest
    @ValueSource(strings = {"3.1.0", "3.2.0"})
    void identityRunFrom5100To5110WithoutTheFiveMigratorsTheGuidesRemove(String from) throws Exception {
        UpgradePath path = PathCatalog.load().find(from, "4.1.0");
        assertEquals("5.10.0", path.identityFrom());
        assertEquals("5.11.0", path.identityTo());
        assertEquals("api-manager", path.serverScript());
        assertEquals(List.of("prepare-config", "backup", "migrate-registry-versioning", "migrate-resources",
                "migrate-identity", "migrate-apim", "reindex", "finalize", "verify"), path.steps());
        assertEquals("3.2.0".equals(from), path.postgresSuperuserRequired(), "only the 3.2.0 guide has the note");

        StepOptions.MigrateIdentity identity = path.options(StepOptions.MigrateIdentity.class);
        assertEquals(List.of("-Dmigrate", "-Dcomponent=identity"), identity.clientFlags(), "guide step 3.11");
        assertTrue(identity.groupRoleSeparationOffForRun(), "guide step 3.8");
        assertFalse(path.options(StepOptions.Finalize.class).groupRoleSeparation(), "no step of the guide turns it on");
        StepOptions.MigrateApim apim = path.options(StepOptions.MigrateApim.class);
        assertEquals(StepOptions.Client.REQUIRED, apim.client());
        assertEquals(List.of("-Dmigrate", "-DmigrateFromVersion=" + from, "-DmigratedVersion=4.1.0"), apim.clientFlags());
        assertTrue(apim.preValidation(), "guide step 4.4");
        StepOptions.MigrateResources resources = path.options(StepOptions.MigrateResources.class);
        assertFalse(resources.synapseConfigs(), "4.x takes the APIs from the database");
        assertFalse(resources.tenantDirectories(), "guide step 2: tenants' user stores after step 4");
        assertFalse(resources.executionPlans());
        assertEquals(UpgradePath.ConfigFormat.TOML, path.sourceConfig());
        assertEquals(from, path.stockDefaults());
        assertEquals("4.1.0", path.knownKeys());

        String edited = MigrationConfigYaml.parse(fixture(), "migration-config.yaml")
                .edit(path.identityFrom(), path.identityTo(), identity.removeSteps());
        assertTrue(edited.contains("currentVersion: \"5.10.0\"\n"), edited);
        assertTrue(edited.contains("migrateVersion: \"5.11.0\"\n"), edited);
        MigrationConfigYaml again = MigrationConfigYaml.parse(edited, "edited");
        for (String gone : List.of("MigrationValidator(2)", "SchemaMigrator(5)", "TenantPortalMigrator(11)")) {
            assertFalse(again.migrators("5.10.0").contains(gone), gone);
        }
        assertFalse(again.migrators("5.11.0").contains("EncryptionAdminFlowMigrator(1)"));
        assertFalse(again.migrators("5.11.0").contains("EncryptionUserFlowMigrator(2)"));
        assertTrue(again.migrators("5.11.0").contains("GroupsAndRolesMigrator(4)"), again.migrators("5.11.0").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.1.0", "3.2.0"})
    void theApimProofsStartAtTheOldVersionAndEndWithTheLastHop(String from) {
        ClientProofs.Hop hop = ClientProofs.load().hop(PathCatalog.load().find(from, "4.1.0"));
        String next = "3.1.0".equals(from) ? "3.2.0" : "4.0.0";
        // the 4.1.0 client's own lines (V320Migration / V400Migration / V410Migration)
        String first = "WSO2 API-M Migration Task : Starting migration from " + from + " to " + next + "...";
        String last = "WSO2 API-M Migration Task : Completed migration from 4.0.0 to 4.1.0...";
        assertTrue(hop.apim().stream().anyMatch(p -> Pattern.compile(p.pattern()).matcher(first).find()), first);
        assertTrue(hop.apim().stream().anyMatch(p -> Pattern.compile(p.pattern()).matcher(last).find()), last);
        String otherStart = "WSO2 API-M Migration Task : Starting migration from 2.6.0 to 3.0.0...";
        assertTrue(hop.apim().stream().noneMatch(p -> Pattern.compile(p.pattern()).matcher(otherStart).find()),
                "a run that started at another version proves nothing for this hop");
        assertFalse(hop.identity().isEmpty());
        assertFalse(hop.preValidation().isEmpty(), "step 4.4: -DrunPreMigration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.1.0", "3.2.0"})
    void theHopsCarryWithThe3xKeyChanges(String from) {
        TomlKeyChanges changes = TomlKeyChanges.forHop(from, "4.1.0");
        assertTrue(changes.find(List.of("apim", "analytics", "store_api_url")).isPresent());
        assertTrue(changes.find(List.of("apim", "analytics", "url_group")).isPresent());
        TomlKeyChanges.Change enable = changes.find(List.of("apim", "analytics", "enable")).orElseThrow();
        assertTrue(enable.applies(true));
        assertFalse(enable.applies(false), "enable = false means the same in 4.1.0: carried");
        assertTrue(TomlKeyChanges.forHop("3.0.0", "3.1.0").changes().isEmpty());
    }

    private static String fixture() throws Exception {
        try (InputStream in = Hops3xTo410Test.class.getResourceAsStream("/identity-client/migration-resources/migration-config.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
