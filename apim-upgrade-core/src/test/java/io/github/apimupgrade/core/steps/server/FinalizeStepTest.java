package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.StandinServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class FinalizeStepTest extends ServerStepTestSupport {
    private final FinalizeStep step = new FinalizeStep();

    @Test
    void enablesRoleGroupSeparationAndRestarts() throws Exception {
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertEquals(List.of(PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.SERVER_RUN),
                plan.actions().stream().map(PlannedAction::kind).toList());
        step.apply(plan, ctx);
        assertEquals(ServerStepFixture.TOML.replace("type = \"database_unique_id\"\n",
                "type = \"database_unique_id\"\n\n[authorization_manager.properties]\nGroupAndRoleSeparationEnabled = true\n"),
                f.tomlText());
        assertEquals(List.of("start flags= user_store=database_unique_id"), f.server.runs().stream()
                .filter(l -> !l.startsWith("solr-files=")).toList(), "the indexer's record aside");
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("sh bin/api-manager.sh")));
    }

    @Test
    void migrationLeftoversAreRemovedBeforeTheFinalStart() {
        f.server.dropin(StandinServer.APIM_JAR).dropin("tenantloader-1.0.jar").write("migration-resources/x.sql", "x");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertTrue(plan.warnings().get(0).contains("leftovers"));
        step.apply(plan, ctx);
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.APIM_JAR));
        assertFalse(f.exists("repository/components/dropins/tenantloader-1.0.jar"));
        assertFalse(f.exists("migration-resources"));
        assertEquals(List.of("start flags= user_store=database_unique_id"), f.server.runs().stream()
                .filter(l -> !l.startsWith("solr-files=")).toList(), "the indexer's record aside");
    }

    @Test
    void path310KeepsRoleGroupSeparationAndUsesWso2server() {
        f.from = "3.0.0";
        f.to = "3.1.0";
        StepPlan plan = step.plan(f.context());
        assertTrue(plan.actions().stream().noneMatch(a -> a.kind() == PlannedAction.Kind.FILE_WRITE),
                "no GroupAndRoleSeparationEnabled before identity 5.11");
        assertTrue(plan.actions().get(0).summary().contains("sh bin/wso2server.sh"));
    }

    @Test
    void aFailedFinalStartFailsTheStep() {
        f.server.scenario("crash");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.SERVER_FAILED, e.code());
    }
}
