package io.github.apimupgrade.core.config.yaml;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.path.StepOptions.IdentityStepRef;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationConfigYamlTest {

    static String fixture() throws Exception {
        try (InputStream in = MigrationConfigYamlTest.class.getResourceAsStream(
                "/identity-client/migration-resources/migration-config.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String VALIDATOR = """
                # Validates the data before the migration.
                -
                  name: "MigrationValidator"
                  order: 2
            """;
    private static final String SCHEMA_5 = """
                -
                  name: "SchemaMigrator"
                  order: 5
                  parameters:
                    location: "step2"
                    schema: "identity"
            """;
    private static final String TENANT_PORTAL = """
                -
                  name: "TenantPortalMigrator"
                  order: 11
            """;
    private static final String ENCRYPTION = """
                -
                  name: "EncryptionAdminFlowMigrator"
                  order: 1
                  parameters:
                    currentEncryptionAlgorithm: "RSA/ECB/OAEPwithSHA1andMGF1Padding"
                    migratedEncryptionAlgorithm: "AES/GCM/NoPadding"
                    schema: "identity"
                -
                  name: "EncryptionUserFlowMigrator"
                  order: 2
                  parameters:
                    currentEncryptionAlgorithm: "RSA/ECB/OAEPwithSHA1andMGF1Padding"
                    migratedEncryptionAlgorithm: "AES/GCM/NoPadding"
                    schema: "identity"
            """;

    @Test
    void seed000EditRemovesExactlyTheFiveMigratorsAndKeepsComments() throws Exception {
        String original = fixture();
        UpgradePath path = PathCatalog.load().find("2.6.0", "4.1.0");
        String edited = MigrationConfigYaml.parse(original, "migration-config.yaml")
                .edit(path.identityFrom(), path.identityTo(), path.options(io.github.apimupgrade.core.path.StepOptions.MigrateIdentity.class).removeSteps());

        // the comment line above MigrationValidator is outside its block: it stays
        String expected = original
                .replace("migrationEnable: \"false\"", "migrationEnable: \"true\"")
                .replace("currentVersion: \"5.x.x\"", "currentVersion: \"5.7.0\"")
                .replace(VALIDATOR.replace("    # Validates the data before the migration.\n", ""), "")
                .replace(SCHEMA_5, "")
                .replace(TENANT_PORTAL, "")
                .replace(ENCRYPTION, "");
        assertTrue(original.contains(ENCRYPTION) && original.contains(SCHEMA_5) && original.contains(TENANT_PORTAL));
        assertEquals(expected, edited);
        assertTrue(edited.contains("# Validates the data before the migration."));
        assertTrue(edited.contains("        # Migrate the user IDs of every tenant."));

        MigrationConfigYaml again = MigrationConfigYaml.parse(edited, "edited");
        assertEquals(List.of("ScopeDataMigrator(1)", "SchemaMigrator(3)", "SchemaMigrator(4)", "OAuth2ScopesMigrator(6)",
                "ClaimDataMigrator(7)", "EmailTemplateDataMigrator(8)", "SchemaMigrator(9)", "UserIDMigrator(10)"),
                again.migrators("5.10.0"));
        assertEquals(List.of("SchemaMigrator(3)", "GroupsAndRolesMigrator(4)", "SchemaMigrator(17)"), again.migrators("5.11.0"));
        assertEquals(List.of("SchemaMigrator(1)", "ClaimDataMigrator(2)"), again.migrators("5.9.0"));
    }

    @Test
    void seed004EditRemovesOnlyTheTwoMigrators() throws Exception {
        UpgradePath path = PathCatalog.load().find("3.0.0", "3.1.0");
        String edited = MigrationConfigYaml.parse(fixture(), "migration-config.yaml")
                .edit(path.identityFrom(), path.identityTo(), path.options(io.github.apimupgrade.core.path.StepOptions.MigrateIdentity.class).removeSteps());
        assertTrue(edited.contains("currentVersion: \"5.9.0\"\n"));
        assertTrue(edited.contains("migrateVersion: \"5.10.0\"\n"));
        MigrationConfigYaml again = MigrationConfigYaml.parse(edited, "edited");
        assertEquals(9, again.migrators("5.10.0").size());
        assertTrue(again.migrators("5.10.0").contains("TenantPortalMigrator(11)"));
        assertEquals(5, again.migrators("5.11.0").size());
    }

    @Test
    void aMigratorThatIsNotThereFailsClearly() throws Exception {
        UpgradeException e = assertThrows(UpgradeException.class, () -> MigrationConfigYaml.parse(fixture(), "migration-config.yaml")
                .edit("5.10.0", "5.11.0", List.of(new IdentityStepRef("5.11.0", "SCIMGroupRoleMigrator", 18))));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("SCIMGroupRoleMigrator (order 18) under version \"5.11.0\""), e.getMessage());
        assertTrue(e.getMessage().contains("GroupsAndRolesMigrator(4)"), e.getMessage());
    }

    @Test
    void sameNameWithAnotherOrderIsNotRemoved() throws Exception {
        UpgradeException e = assertThrows(UpgradeException.class, () -> MigrationConfigYaml.parse(fixture(), "m.yaml")
                .edit("5.7.0", "5.11.0", List.of(new IdentityStepRef("5.10.0", "SchemaMigrator", 7))));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
    }

    @Test
    void malformedYamlNamesTheLine() {
        UpgradeException e = assertThrows(UpgradeException.class, () -> MigrationConfigYaml.parse(
                "migrationEnable: \"true\"\ncurrentVersion: [\n", "migration-config.yaml"));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.location().startsWith("migration-config.yaml:3"), e.location());
    }

    @Test
    void plainScalarsStayPlain() {
        String edited = MigrationConfigYaml.parse("""
                migrationEnable: false
                currentVersion: 5.x.x # set me
                migrateVersion: 5.11.0
                versions: []
                """, "m.yaml").edit("5.7.0", "5.11.0", List.of());
        assertEquals("""
                migrationEnable: true
                currentVersion: 5.7.0 # set me
                migrateVersion: 5.11.0
                versions: []
                """, edited);
    }
}
