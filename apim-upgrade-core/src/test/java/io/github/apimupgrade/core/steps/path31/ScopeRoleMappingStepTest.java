package io.github.apimupgrade.core.steps.path31;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.apimupgrade.core.api.AnalyticsOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeRoleMappingStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MAPPING = new LinkedHashMap<>(Map.of(
            "apipublisher", "Internal/publisher",
            "apicreator", "Internal/creator"));

    @TempDir
    Path tmp;

    private StepContext context(Path31Fixture db, Map<String, String> mapping) {
        return db.context(tmp.resolve("old"), tmp.resolve("new"), new AnalyticsOptions(null, mapping),
                List.of(DatasourceRole.SHARED_DB), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void addsCustomRolesToEveryTenantKeepsBackupAndSecondRunIsNoop(String kind) throws Exception {
        try (Path31Fixture db = Path31Fixture.of(kind).load("shared_db", "seed-shared_db")) {
            byte[] superBefore = content(db, 1, -1234);
            byte[] tenantBefore = content(db, 2, 1);
            byte[] decoyBefore = content(db, 3, -1234);
            ScopeRoleMappingStep step = new ScopeRoleMappingStep();
            StepContext ctx = context(db, MAPPING);

            StepPlan plan = step.plan(ctx);
            assertEquals(2, plan.actions().size(), plan.toString());
            assertTrue(plan.actions().get(0).summary().contains("tenant -1234 (carbon.super)"), plan.actions().get(0).summary());
            assertTrue(plan.actions().get(1).summary().contains("tenant 1 (wso2.com)"), plan.actions().get(1).summary());
            assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
            // storesubscriber exists in tenant 1 but is not mapped: said, not acted on
            assertTrue(plan.notes().stream().anyMatch(n -> n.contains("left unmapped") && n.contains("storesubscriber")),
                    plan.notes().toString());

            assertEquals(2, step.apply(plan, ctx).rows());

            JsonNode superConf = JSON.readTree(content(db, 1, -1234));
            assertEquals(Map.of(
                    "apim:api_publish", "admin,Internal/publisher,apipublisher",
                    "apim:api_create", "admin,Internal/creator,apicreator",
                    "apim:api_view", "admin,Internal/publisher,Internal/creator,apicreator,apipublisher",
                    "apim:subscribe", "admin,Internal/subscriber",
                    "apim:admin", "admin"), roles(superConf));
            // everything else in the document is kept
            assertEquals("bottom", superConf.path("ExtensionHandlerPosition").asText());
            assertTrue(superConf.path("DefaultRoles").path("PublisherRole").path("CreateOnTenantLoad").asBoolean());
            assertEquals(Map.of(
                    "apim:api_publish", "admin, Internal/publisher, apipublisher",
                    "apim:api_create", "admin, Internal/creator, apicreator",
                    "apim:subscribe", "admin, Internal/subscriber"), roles(JSON.readTree(content(db, 2, 1))));
            assertArrayEquals(decoyBefore, content(db, 3, -1234), "a tenant-conf.json outside the config path is never touched");

            Path backups = tmp.resolve("new/.apim-upgrade/backups/tenant-conf");
            List<Path> files;
            try (Stream<Path> s = Files.list(backups)) {
                files = s.sorted().toList();
            }
            assertEquals(2, files.size(), files.toString());
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("tenant-conf.tenant-1234.content1.")
                    && bytes(f).length > 0 && SafeFiles.sha256(bytes(f)).equals(SafeFiles.sha256(superBefore))));
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("tenant-conf.tenant1.content2.")
                    && SafeFiles.sha256(bytes(f)).equals(SafeFiles.sha256(tenantBefore))));

            byte[] superAfter = content(db, 1, -1234);
            StepPlan second = step.plan(context(db, MAPPING));
            assertTrue(second.isEmpty(), second.actions().toString());
            assertEquals(2, second.notes().stream().filter(n -> n.contains("already maps")).count(), second.notes().toString());
            assertArrayEquals(superAfter, content(db, 1, -1234));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void dryRunPlanShowsJsonDiffAndChangesNothing(String kind) throws Exception {
        try (Path31Fixture db = Path31Fixture.of(kind).load("shared_db", "seed-shared_db")) {
            byte[] before = content(db, 2, 1);
            StepPlan plan = new ScopeRoleMappingStep().plan(context(db, Map.of("apicreator", "Internal/creator")));

            String details = plan.actions().get(1).details();
            assertTrue(details.contains("--- a/registry/1/_system/config/apimgt/applicationdata/tenant-conf.json"), details);
            assertTrue(details.contains("-      \"Roles\" : \"admin, Internal/creator\""), details);
            assertTrue(details.contains("+      \"Roles\" : \"admin, Internal/creator, apicreator\""), details);
            assertTrue(details.startsWith("apim:api_create: + apicreator\n"), details);
            assertArrayEquals(before, content(db, 2, 1));
            assertFalse(Files.exists(tmp.resolve("new/.apim-upgrade/backups")));
        }
    }

    @Test
    void withoutMappingListsUnmappedCustomRolesAsManualAction() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("shared_db", "seed-shared_db")) {
            StepPlan plan = new ScopeRoleMappingStep().plan(context(db, Map.of()));

            assertTrue(plan.isEmpty());
            assertEquals(1, plan.manualActions().size());
            String what = plan.manualActions().get(0).what();
            assertTrue(what.contains("apicreator (tenant -1234, 1), apipublisher (tenant -1234), storesubscriber (tenant 1)"), what);
            assertFalse(what.contains("admin ("), what);
            assertTrue(plan.manualActions().get(0).how().contains("scopeRoleMappings"));
        }
    }

    @Test
    void contentChangedAfterPlanFailsWithoutWriting() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("shared_db", "seed-shared_db")) {
            ScopeRoleMappingStep step = new ScopeRoleMappingStep();
            StepContext ctx = context(db, MAPPING);
            StepPlan plan = step.plan(ctx);
            byte[] edited = "{\"RESTAPIScopes\":{\"Scope\":[]}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (Connection c = db.connect();
                 PreparedStatement ps = c.prepareStatement(TenantConfRepository.UPDATE_ONE)) {
                ps.setBytes(1, edited);
                ps.setLong(2, 1);
                ps.setInt(3, -1234);
                ps.executeUpdate();
            }

            UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
            assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
            assertArrayEquals(edited, content(db, 1, -1234));
        }
    }

    @Test
    void malformedTenantConfFailsInPlanNamingTheTenant() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("shared_db", "seed-shared_db")) {
            try (Connection c = db.connect();
                 PreparedStatement ps = c.prepareStatement(TenantConfRepository.UPDATE_ONE)) {
                ps.setBytes(1, "{\"RESTAPIScopes\": {".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ps.setLong(2, 2);
                ps.setInt(3, 1);
                ps.executeUpdate();
            }
            UpgradeException e = assertThrows(UpgradeException.class,
                    () -> new ScopeRoleMappingStep().plan(context(db, MAPPING)));
            assertEquals(ErrorCode.MALFORMED_FILE, e.code());
            assertTrue(e.getMessage().contains("tenant 1 (wso2.com)"), e.getMessage());
        }
    }

    @Test
    void warnsWhenMigrateApimHasNotRunAndWhenAMappingMatchesNoScope() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("shared_db", "seed-shared_db")) {
            StepContext ctx = db.context(tmp.resolve("old"), tmp.resolve("new"),
                    new AnalyticsOptions(null, Map.of("apiadmin", "Internal/analytics")), List.of(DatasourceRole.SHARED_DB), false);
            StepPlan plan = new ScopeRoleMappingStep().plan(ctx);
            assertTrue(plan.isEmpty());
            assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("The 3.1.0 server has not run yet")), plan.warnings().toString());
            assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("'Internal/analytics'")), plan.warnings().toString());
        }
    }

    @Test
    void followsTheOldRegistryXmlWhenConfigIsMountedElsewhere() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("shared_db", "seed-shared_db")) {
            try (Connection c = db.connect(); var s = c.createStatement()) {
                s.executeUpdate("UPDATE REG_PATH SET REG_PATH_VALUE = '/_system/nodes/apimgt/applicationdata'"
                        + " WHERE REG_PATH_VALUE = '/_system/config/apimgt/applicationdata'");
            }
            StepPlan unmounted = new ScopeRoleMappingStep().plan(context(db, MAPPING));
            assertTrue(unmounted.isEmpty());
            assertTrue(unmounted.warnings().stream().anyMatch(w -> w.startsWith("No tenant-conf.json found under "
                    + "/_system/config/apimgt/applicationdata")), unmounted.warnings().toString());

            Path conf = Files.createDirectories(tmp.resolve("old/repository/conf"));
            Files.writeString(conf.resolve("registry.xml"), """
                    <wso2registry>
                        <currentDBConfig>wso2registry</currentDBConfig>
                        <mount path="/_system/config" overwrite="true">
                            <instanceId>instanceid</instanceId>
                            <targetPath>/_system/nodes</targetPath>
                        </mount>
                    </wso2registry>
                    """);
            StepPlan plan = new ScopeRoleMappingStep().plan(context(db, MAPPING));
            assertEquals(2, plan.actions().size(), plan.warnings().toString());
            assertTrue(plan.actions().get(0).summary().startsWith("update /_system/nodes/apimgt/applicationdata/tenant-conf.json of tenant -1234"),
                    plan.actions().get(0).summary());
        }
    }

    private static Map<String, String> roles(JsonNode conf) {
        Map<String, String> out = new LinkedHashMap<>();
        conf.path("RESTAPIScopes").path("Scope").forEach(s -> out.put(s.path("Name").asText(), s.path("Roles").asText()));
        return out;
    }

    private static byte[] content(Path31Fixture db, long contentId, int tenant) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(TenantConfRepository.SELECT_ONE)) {
            ps.setLong(1, contentId);
            ps.setInt(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }

    private static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
