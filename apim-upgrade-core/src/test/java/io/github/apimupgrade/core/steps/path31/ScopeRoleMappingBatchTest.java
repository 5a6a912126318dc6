package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.AnalyticsOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: migrate-scope-roles on 1,000 tenants writes in batches (one transaction and three round trips per 100
 * tenants instead of per tenant) and leaves exactly the rows the per-tenant writes left.
 */
class ScopeRoleMappingBatchTest {
    private static final int TENANTS = 1000;
    private static final Map<String, String> MAPPING = new LinkedHashMap<>(Map.of(
            "apipublisher", "Internal/publisher", "apicreator", "Internal/creator"));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void batchedWritesLeaveTheSameRowsAsPerTenantWrites(String kind) throws Exception {
        try (Path31Fixture perTenant = Path31Fixture.of(kind).load("shared_db");
             Path31Fixture batched = Path31Fixture.of(kind).load("shared_db")) {
            tenants(perTenant);
            tenants(batched);

            // before: every tenant its own action, transaction and round trips
            StepContext one = context(perTenant, "one");
            StepPlan planOne = new ScopeRoleMappingStep().plan(one);
            assertEquals(TENANTS + 1, planOne.actions().size());
            for (PlannedAction a : planOne.actions()) {
                a.apply(one);
            }

            List<UpgradeEvent> events = new ArrayList<>();
            StepContext ctx = context(batched, "batched");
            ctx = new StepContext(ctx.request(), ctx.oldHome(), ctx.newHome(), ctx.path(), ctx.workspace(), ctx.databases(),
                    events::add, ctx.redactor(), ctx.journal(), ctx.clock(), ctx.processes());
            ScopeRoleMappingStep step = new ScopeRoleMappingStep();
            StepOutcome outcome = step.apply(step.plan(ctx), ctx);

            assertEquals(TENANTS + 1, outcome.rows());
            assertEquals(11, outcome.results().size(), "1,001 tenants in batches of 100: " + outcome.results());
            assertEquals(11, events.stream().filter(e -> e.message().startsWith("updating the tenant-conf.json of")).count());
            Map<String, String> a = rows(perTenant);
            Map<String, String> b = rows(batched);
            assertEquals(TENANTS + 1, a.size());
            assertEquals(a, b, "REG_CONTENT rows after batched writes equal those after per-tenant writes");
            String last = new String(content(batched, TENANTS + 1, TENANTS), StandardCharsets.UTF_8);
            assertTrue(last.contains("apicreator") && last.contains("apipublisher"), last);
            assertTrue(step.plan(context(batched, "batched")).isEmpty(), "a second run has nothing to do");
        }
    }

    @Test
    void oneBatchIsOneSelectOneJdbcBatchAndOneCommit() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("shared_db")) {
            tenants(db);
            List<TenantConfRepository.TenantConf> confs = TenantConfRepository.readAll(
                    context(db, "x").databases().get(DatasourceRole.SHARED_DB), TenantConfRepository.COLLECTION, Map.of());
            List<TenantConfRepository.Replacement> batch = confs.subList(0, TenantConfRepository.BATCH).stream()
                    .map(c -> new TenantConfRepository.Replacement(c, "{}".getBytes(StandardCharsets.UTF_8))).toList();
            AtomicInteger roundTrips = new AtomicInteger();
            try (Connection real = db.connect()) {
                assertEquals(100, TenantConfRepository.replaceAll(counting(real, roundTrips), "test db", batch));
            }
            assertEquals(3, roundTrips.get(), "SELECT, executeBatch, commit for 100 tenants");
            assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), content(db, confs.get(99).contentId(), confs.get(99).tenantId()));
        }
    }

    @Test
    void aTenantChangedAfterThePlanRollsBackItsBatch() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("shared_db")) {
            tenants(db);
            StepContext ctx = context(db, "x");
            ScopeRoleMappingStep step = new ScopeRoleMappingStep();
            StepPlan plan = step.plan(ctx);
            // tenant 150 is in the second batch (super tenant and 1..99 | 100..199 | ...)
            byte[] edited = "{\"RESTAPIScopes\":{\"Scope\":[]}}".getBytes(StandardCharsets.UTF_8);
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(TenantConfRepository.UPDATE_ONE)) {
                ps.setBytes(1, edited);
                ps.setLong(2, 151);
                ps.setInt(3, 150);
                ps.executeUpdate();
            }
            byte[] before149 = content(db, 150, 149);
            byte[] before200 = content(db, 201, 200);

            UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));

            assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
            assertTrue(e.getMessage().contains("tenant 150") && e.getMessage().contains("(tenant 100 to 199)"), e.getMessage());
            assertTrue(new String(content(db, 1, -1234), StandardCharsets.UTF_8).contains("apicreator"), "first batch written");
            assertArrayEquals(before149, content(db, 150, 149), "the failed batch is rolled back");
            assertArrayEquals(edited, content(db, 151, 150));
            assertArrayEquals(before200, content(db, 201, 200), "later batches not started");
        }
    }

    private StepContext context(Path31Fixture db, String name) {
        return db.context(tmp.resolve(name + "/old"), tmp.resolve(name + "/new"), new AnalyticsOptions(null, MAPPING),
                List.of(DatasourceRole.SHARED_DB), true);
    }

    /**
     * The super tenant and tenants 1..1000, each with its tenant-conf.json (the 3.0.0 shape of the scopes; content
     * id = tenant + 1, the super tenant's is 1), written in one JDBC batch per table.
     */
    private static void tenants(Path31Fixture db) throws Exception {
        Timestamp at = Timestamp.valueOf("2019-11-20 10:00:00");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement path = c.prepareStatement(
                    "INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (?, ?, NULL, ?)");
                 PreparedStatement content = c.prepareStatement(
                         "INSERT INTO REG_CONTENT (REG_CONTENT_ID, REG_CONTENT_DATA, REG_TENANT_ID) VALUES (?, ?, ?)");
                 PreparedStatement resource = c.prepareStatement("INSERT INTO REG_RESOURCE (REG_PATH_ID, REG_NAME, REG_VERSION,"
                         + " REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME, REG_LAST_UPDATOR, REG_LAST_UPDATED_TIME, REG_CONTENT_ID,"
                         + " REG_TENANT_ID, REG_UUID) VALUES (?, 'tenant-conf.json', ?, 'application/json', 'wso2.system.user', ?,"
                         + " 'wso2.system.user', ?, ?, ?, ?)")) {
                for (int t = 0; t <= TENANTS; t++) {
                    int tenant = t == 0 ? -1234 : t;
                    int id = t + 1;
                    path.setInt(1, id);
                    path.setString(2, TenantConfRepository.COLLECTION);
                    path.setInt(3, tenant);
                    path.addBatch();
                    content.setInt(1, id);
                    content.setBytes(2, conf(tenant).getBytes(StandardCharsets.UTF_8));
                    content.setInt(3, tenant);
                    content.addBatch();
                    resource.setInt(1, id);
                    resource.setInt(2, id);
                    resource.setTimestamp(3, at);
                    resource.setTimestamp(4, at);
                    resource.setInt(5, id);
                    resource.setInt(6, tenant);
                    resource.setString(7, "0c1f9e4a-0001-4d2b-9a7e-" + String.format("%012d", id));
                    resource.addBatch();
                }
                path.executeBatch();
                content.executeBatch();
                resource.executeBatch();
            }
            c.commit();
        }
    }

    private static String conf(int tenant) {
        return "{\"EnableMonetization\":false,\"RESTAPIScopes\":{\"Scope\":["
                + "{\"Name\":\"apim:api_publish\",\"Roles\":\"admin,Internal/publisher\"},"
                + "{\"Name\":\"apim:api_create\",\"Roles\":\"admin,Internal/creator\"},"
                + "{\"Name\":\"apim:subscribe\",\"Roles\":\"admin,Internal/subscriber\"}]},"
                + "\"NotificationsEnabled\":\"false\",\"Tenant\":\"" + tenant + "\"}";
    }

    private static Map<String, String> rows(Path31Fixture db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT REG_CONTENT_ID, REG_TENANT_ID, REG_CONTENT_DATA FROM REG_CONTENT ORDER BY REG_CONTENT_ID, REG_TENANT_ID");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1) + "/" + rs.getInt(2), SafeFiles.sha256(rs.getBytes(3)));
            }
        }
        return out;
    }

    private static byte[] content(Path31Fixture db, long contentId, int tenant) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(TenantConfRepository.SELECT_ONE)) {
            ps.setLong(1, contentId);
            ps.setInt(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** A connection that counts the calls that go to the database: statement executions, commits, rollbacks. */
    private static Connection counting(Connection real, AtomicInteger roundTrips) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("commit") || m.getName().equals("rollback")) {
                        roundTrips.incrementAndGet();
                    }
                    Object r = invoke(m, real, args);
                    if (r instanceof PreparedStatement ps) {
                        return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                                (p2, m2, a2) -> {
                                    if (m2.getName().startsWith("execute")) {
                                        roundTrips.incrementAndGet();
                                    }
                                    return invoke(m2, ps, a2);
                                });
                    }
                    return r;
                });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
