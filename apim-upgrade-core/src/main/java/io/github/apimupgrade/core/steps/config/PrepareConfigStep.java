package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.legacy.LegacyConfig;
import io.github.apimupgrade.core.config.toml.DeploymentTomlKeys;
import io.github.apimupgrade.core.config.toml.TomlCarryOver;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.db.RegistryVersioningFlags;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.Workspace;

import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Goal {@code prepare-config} (seed step 1, with the TOML parts of steps 2.5 and 3.9): writes into the new home's
 * deployment.toml exactly the settings the upgrade guide asks for, derived from the old installation, and nothing
 * else. The plan is one {@link WriteFileAction} whose details are the unified diff (the dry run prints it); edits
 * are format-preserving ({@link TomlEditor}), so a second run plans no action.
 */
public final class PrepareConfigStep implements Step {
    public static final String ID = "prepare-config";

    @Override
    public String id() {
        return ID;
    }

    /** Writes deployment.toml from the old XML: no database is opened (a build machine need not see them). */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of();
    }

    @Override
    public String title() {
        return "Step 1 - migrate the configuration to deployment.toml";
    }

    @Override
    public StepPlan plan(StepContext context) {
        Path tomlFile = context.deploymentToml();
        String display = context.newHome() != null ? context.newHome().display(tomlFile) : tomlFile.toString();
        String before = context.workspace().require(tomlFile, "The new home's deployment.toml");
        TomlEditor toml = TomlEditor.parse(before, display);
        StepPlan.Builder plan = StepPlan.builder(ID);
        Mapping m = new Mapping(toml, plan, context.redactor());
        Installation old = context.oldHome();
        ConfigOptions options = context.request().config();

        if (old.tomlEra()) {
            // first, so that the mappings below (POM datasource overrides, the seed's user_store value) win
            carryOldToml(m, old, context);
        }
        new DatasourceMapping(m, old).run();
        if (old.tomlEra()) {
            tomlEraOldHome(m, old, options, context.workspace());
        } else {
            LegacyConfig legacy = LegacyConfig.read(old.conf());
            legacy.userMgt().ifPresentOrElse(
                    um -> new UserMgtMapping(m, um, options.userStoreTypeAfterIdentity()).run(),
                    () -> missing(m, old, "user-mgt.xml"));
            legacy.apiManager().ifPresentOrElse(
                    am -> new ApiManagerMapping(m, am, options.keepDefaultGatewayLabel()).run(),
                    () -> missing(m, old, "api-manager.xml"));
            legacy.carbon().ifPresentOrElse(
                    c -> new CarbonMapping(m, c, old.home(), context.newHome().home(), options).run(),
                    () -> missing(m, old, "carbon.xml"));
            legacy.registry().ifPresentOrElse(
                    r -> new RegistryMapping(m, r, options.registryVersioning()).run(),
                    () -> missing(m, old, "registry.xml"));
            otherFiles(m, old);
        }
        secrets(m, display, context);

        String after = toml.text();
        if (after.equals(before)) {
            plan.note(display + " already holds every setting prepare-config writes: nothing to change.");
        } else {
            plan.action(WriteFileAction.of(tomlFile, display, before, after, context.redactor()::redact));
        }
        return plan.build();
    }

    /** 3.x homes are configured by their own deployment.toml: datasources (above), user store, versioning. */
    private static void tomlEraOldHome(Mapping m, Installation old, ConfigOptions options, Workspace workspace) {
        DeploymentTomlKeys.userStoreType(m.toml, "database");
        m.plan.note("[user_store] type = \"database\" for the identity migration; it becomes \""
                + options.userStoreTypeAfterIdentity() + "\" after it.");
        // the old home's own TOML decides (its registry.xml is generated from it)
        boolean on = RegistryVersioningFlags.read(old, workspace).any();
        if (on && "keep".equals(options.registryVersioning())) {
            m.toml.set("registry.static_configuration", "enable", true);
            m.plan.warning("Registry versioning stays on (registryVersioning=keep): NOT recommended by WSO2.");
        }
    }

    /** The old home's own deployment.toml, key by key ({@link TomlCarryOver}); what it cannot place is listed. */
    private static void carryOldToml(Mapping m, Installation old, StepContext context) {
        String where = "old " + old.display(old.deploymentToml());
        TomlParseResult parsed = Toml.parse(context.workspace().require(old.deploymentToml(), "The old home's deployment.toml"));
        if (parsed.hasErrors()) {
            var err = parsed.errors().get(0);
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Malformed TOML in " + old.deploymentToml() + " at line "
                            + err.position().line() + ": " + err.getMessage(), old.deploymentToml() + ":" + err.position().line(),
                    "Fix the TOML at that line.", err);
        }
        TomlCarryOver.Result r = TomlCarryOver.carry(parsed, where, m.toml);
        m.plan.note("Carried the old deployment.toml: " + r.updated().size() + " keys updated, " + r.added().size()
                + " added, " + r.unchanged() + " already equal.");
        for (TomlCarryOver.Unplaced u : r.unplaced()) {
            m.plan.manual("Carry " + u.key() + " by hand: " + u.why(), u.where(),
                    "redo it with the 3.1.0 key that replaces it (Configuration Catalog), or drop it if obsolete");
        }
        if (!r.keptDefaults().isEmpty()) {
            m.plan.warning("Kept the 3.1.0 stock value of keys the old file did not set (check them): "
                    + String.join(", ", r.keptDefaults()) + ".");
        }
        if (r.secureVault()) {
            m.plan.manual("The old deployment.toml uses the secure vault: its [secrets] were carried; encrypt them "
                            + "for the new home (seed 004 step 2.4) once the old keystores are in place", where + " [secrets]",
                    "cd " + context.newHome().home().resolve("bin") + " && ./ciphertool.sh -Dconfigure");
        }
    }

    private static void missing(Mapping m, Installation old, String file) {
        m.plan.warning("Old " + old.display(old.conf().resolve(file)) + " not found: its settings were not carried.");
    }

    /** Files whose customisations cannot be detected against stock values: one review item each that exists. */
    private static void otherFiles(Mapping m, Installation old) {
        for (String f : List.of("axis2/axis2.xml", "identity/identity.xml", "tomcat/catalina-server.xml")) {
            Path p = old.conf().resolve(f);
            if (Files.isRegularFile(p)) {
                m.plan.manual("Review " + f + " for customisations: it has no automatic mapping to deployment.toml",
                        old.display(p), "redo any change you made to it through the 4.1.0 deployment.toml keys "
                                + "(config catalog); do not copy the file");
            }
        }
    }

    /** {@code [secrets]} placeholders for every secure-vault alias (never a guessed value) + the cipher tool run. */
    private static void secrets(Mapping m, String display, StepContext context) {
        List<String> pending = new ArrayList<>();
        m.secrets.forEach((alias, origin) -> {
            if (m.toml.get("secrets", alias).isEmpty()) {
                m.toml.set("secrets", alias, Mapping.CHANGE_ME);
            }
            if (m.toml.getString("secrets", alias).orElse("").equals(Mapping.CHANGE_ME)) {
                pending.add(alias + " (" + origin + ")");
            }
        });
        if (!pending.isEmpty()) {
            Path bin = context.newHome().home().resolve("bin");
            m.plan.manual("Replace " + Mapping.CHANGE_ME + " in " + display + " [secrets] with the real values of "
                            + String.join(", ", pending) + ", then encrypt them with the cipher tool (the 2.6.0 "
                            + "cipher texts cannot be reused)", display + " [secrets]",
                    "cd " + bin + " && ./ciphertool.sh -Dconfigure");
        }
    }
}
