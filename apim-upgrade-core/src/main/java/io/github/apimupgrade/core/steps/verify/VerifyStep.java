package io.github.apimupgrade.core.steps.verify;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.backup.BackupManifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last step of every path: the counts the backup step took before the first change, compared with the same
 * counts now, and the new server's health from its log. Any difference fails the build, listing each one.
 */
public final class VerifyStep implements Step {
    public static final String ID = "verify";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "After the last step - compare what the upgrade must keep with the counts before, and check the new server's health";
    }

    /** Distributed deployments: the counts are the databases', compared once for the cluster. */
    @Override
    public Placement placement() {
        return Placement.ONCE;
    }

    /** Every database of the path: the counts span the API-M, registry and user store databases. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return EnumSet.allOf(DatasourceRole.class);
    }

    @Override
    public StepPlan plan(StepContext ctx) {
        Path record = BackupManifest.journalFile(ctx.newHome().home());
        return StepPlan.builder(ID)
                .action(new Check("count tenants, APIs per tenant and state, revisions, applications, subscriptions, users and roles per "
                        + "store, registry API artifacts, and compare them with the counts before the upgrade (" + record + ")",
                        "rules: equal, except API revisions and roles, which the migration may add to; lifecycle states are compared "
                                + "when the old schema has AM_API.STATUS\nhealth: the last start in " + ServerHealth.log(ctx.newHome().home())
                                + " logged \"" + ServerHealth.STARTED + "\""))
                .note("The search index's API count is not compared with AM_API (it needs the running server's REST API): "
                        + "check it in the Developer Portal after re-indexing.")
                .build();
    }

    /** Runs the comparison and the health check; a failure lists every difference. */
    static ActionResult verify(StepContext ctx) {
        Optional<BackupManifest> manifest = BackupManifest.read(ctx.newHome().home());
        if (manifest.isEmpty()) {
            throw UpgradeException.user(ErrorCode.VERIFY_FAILED, "There are no counts from before the upgrade to compare with ("
                            + BackupManifest.journalFile(ctx.newHome().home()) + " is missing).", BackupManifest.journalFile(ctx.newHome().home()).toString(),
                    "Run the backup goal before the first change (every path starts with it).");
        }
        Map<String, Long> before = manifest.get().inventory();
        Map<String, Long> after = Inventory.count(ctx.databases());
        List<String> problems = new ArrayList<>(Inventory.differences(before, after));
        ServerHealth.problem(ctx.newHome().home()).ifPresent(p -> problems.add("server health: " + p));
        if (!problems.isEmpty()) {
            String restore = manifest.get().dumps().isEmpty() ? (manifest.get().reference() == null ? ""
                    : " Your external backup: " + manifest.get().reference() + ".")
                    : " To return to the pre-upgrade state: mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true.";
            throw UpgradeException.environment(ErrorCode.VERIFY_FAILED, "The upgraded installation differs from what it must keep ("
                            + problems.size() + "):" + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", problems),
                    null, "Find out which step lost the data (report.json of each run, the server log)." + restore, null);
        }
        return ActionResult.of("verified " + before.size() + " counts against the counts before the upgrade (" + after + "); the server started");
    }

    private record Check(String summary, String details) implements PlannedAction {
        @Override
        public Kind kind() {
            return Kind.CHECK;
        }

        @Override
        public ActionResult apply(StepContext context) {
            return verify(context);
        }
    }
}
