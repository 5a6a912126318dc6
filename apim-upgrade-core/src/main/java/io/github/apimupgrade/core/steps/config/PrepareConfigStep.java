package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.legacy.LegacyConfig;
import io.github.apimupgrade.core.config.NodeProfiles;
import io.github.apimupgrade.core.config.ServerRoles;
import io.github.apimupgrade.core.config.toml.DeploymentTomlKeys;
import io.github.apimupgrade.core.config.toml.KnownTomlKeys;
import io.github.apimupgrade.core.config.toml.TomlCarryOver;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.config.toml.TomlKeyChanges;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.path.UpgradePath;
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
import java.util.Optional;
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

        boolean tomlSource = sourceIsToml(context);
        if (tomlSource) {
            // first, so that the mappings below (POM datasource overrides, the seed's user_store value) win
            carryOldToml(m, old, context);
        }
        new DatasourceMapping(m, old, context.path().to()).run();
        StepOptions.PrepareConfig opts = context.path().options(StepOptions.PrepareConfig.class);
        if (tomlSource) {
            tomlEraOldHome(m, old, options, context, opts);
        } else {
            if (!stockDefaultsAvailable(context.path())) {
                throw new IllegalStateException("paths.yaml: path " + context.path().id() + " names stockDefaults "
                        + context.path().stockDefaults() + "; the XML stock tables describe " + Stock260.VERSION);
            }
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
            otherFiles(m, old, context.path().to());
        }
        if (opts.deferAdminRole()) {
            deferAdminRole(m, TomlEditor.parse(before, display), context);
        }
        if (opts.globalSequenceSkipList()) {
            globalSequenceSkipList(m, old, context);
        }
        node(m, context);
        secrets(m, display, context);
        stockPasswords(m, old);

        String after = toml.text();
        if (after.equals(before)) {
            plan.note(display + " already holds every setting prepare-config writes: nothing to change.");
        } else {
            plan.action(WriteFileAction.of(tomlFile, display, before, after, context.redactor()::redact));
        }
        return plan.build();
    }

    /**
     * The node's own role in a distributed deployment ({@link NodeMapping}): the profile the POM's {@code <nodes>}
     * gives it in the new release (checked against its old home by the engine); without {@code <nodes>}, the
     * profile its old home's files show ({@link NodeProfiles}), none for an all-in-one or unoptimised home.
     */
    private static void node(Mapping m, StepContext context) {
        if (context.newHome() == null) {
            return;
        }
        String profile;
        if (context.node().clustered()) {
            profile = context.node().profileIn(context.newHome().version()).id();
        } else {
            NodeProfiles.Detection d = NodeProfiles.detect(context.oldHome().home());
            if (!d.known()) {
                return;
            }
            m.plan.note("This node's old home is configured as " + d.describe() + ".");
            profile = d.profile();
        }
        Path newHome = context.newHome().home();
        new NodeMapping(m, profile, ServerRoles.accepted(newHome),
                context.newHome().display(ServerRoles.inferJson(newHome))).run();
    }

    /** A TOML source is configured by its own deployment.toml: datasources (above); user store and versioning as the path says. */
    private static void tomlEraOldHome(Mapping m, Installation old, ConfigOptions options, StepContext context,
                                       StepOptions.PrepareConfig opts) {
        Workspace workspace = context.workspace();
        if (opts.identityRunUserStore()) {
            identityRunUserStore(m, old, options, workspace);
        }
        if (opts.registryVersioningOff()) {
            versioning(m, RegistryVersioningFlags.read(old, workspace), options.registryVersioning(), context.path().to());
        }
    }

    /** Seed step 3.9 for a TOML source: the identity migration runs with the old realm's type, JDBC as "database". */
    private static void identityRunUserStore(Mapping m, Installation old, ConfigOptions options, Workspace workspace) {
        String oldType = oldUserStoreType(old, workspace);
        String during = DeploymentTomlKeys.identityRunUserStoreType(oldType);
        DeploymentTomlKeys.userStoreType(m.toml, during);
        if (DeploymentTomlKeys.jdbcUserStore(during)) {
            m.plan.note("[user_store] type = \"database\" for the identity migration; it becomes \""
                    + options.userStoreTypeAfterIdentity() + "\" after it.");
        } else {
            m.plan.note("[user_store] type stays \"" + during + "\" (the old primary user store is not a JDBC store): "
                    + "the identity migration and the new server use it as it is.");
        }
    }

    /**
     * Whether the plugin has the stock values the path's {@code stockDefaults} names for its source format: a TOML
     * source's stock deployment.toml, or the stock XML tables.
     */
    public static boolean stockDefaultsAvailable(UpgradePath path) {
        return path.sourceConfig() == UpgradePath.ConfigFormat.TOML
                ? TomlCarryOver.stock(path.stockDefaults()).isPresent()
                : Stock260.VERSION.equals(path.stockDefaults());
    }

    /**
     * The path's sourceConfig decides how the old home is read; a home that is not configured that way (a 3.x home
     * without deployment.toml) fails here, before anything is planned.
     */
    private static boolean sourceIsToml(StepContext context) {
        UpgradePath path = context.path();
        Installation old = context.oldHome();
        boolean toml = path.sourceConfig() == UpgradePath.ConfigFormat.TOML;
        if (toml != old.tomlEra()) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The old home " + old.home() + " is configured by "
                            + (old.tomlEra() ? "repository/conf/deployment.toml" : "XML files (no repository/conf/deployment.toml)")
                            + ", but API Manager " + path.from() + " homes are configured by "
                            + (toml ? "repository/conf/deployment.toml" : "XML files") + ".",
                    old.home().resolve("repository/conf").toString(),
                    "Point apim.upgrade.oldHome at the unchanged " + path.from() + " installation.");
        }
        return toml;
    }

    /** The four flags the 3.1.0 registry template reads (product-apim v3.1.0 registry.xml.j2 and default.json). */
    private static final List<String> FLAG_KEYS = List.of("versioning_properties.enable",
            "versioning_comments.enable", "versioning_tags.enable", "versioning_ratings.enable");

    /**
     * Seed 004 "Disabling versioning": the new TOML has versioning off, whatever the old file said (the carry-over
     * copied its switch), unless registryVersioning=keep and the old installation had it on. 3.1.0 renders
     * {@code static_configuration.versioning_*.enable} into registry.xml; neither 3.1.0's infer.json nor carbon-kernel
     * 4.6.0's maps the guide's {@code [registry.static_configuration] enable} onto them, so keep writes both.
     */
    private static void versioning(Mapping m, RegistryVersioningFlags flags, String choice, String to) {
        boolean keep = "keep".equals(choice);
        if (flags.any() && keep) {
            m.toml.set("registry.static_configuration", "enable", true);
            for (String k : FLAG_KEYS) {
                m.toml.set("static_configuration", k, true);
            }
            m.plan.warning("Registry versioning stays on (registryVersioning=keep, " + flags.describe()
                    + "): NOT recommended by WSO2, and only possible before the first " + to + " start.");
            return;
        }
        boolean removed = m.toml.get("registry.static_configuration", "enable").isPresent();
        m.toml.remove("registry.static_configuration", "enable");
        m.toml.remove("registory.static_configuration", "enable");
        for (String k : FLAG_KEYS) {
            removed |= m.toml.get("static_configuration", k).isPresent();
            m.toml.remove("static_configuration", k);
            // the carry-over writes [static_configuration.versioning_x] enable = ...: no empty header stays behind
            m.toml.removeEmptyTable("static_configuration." + k.substring(0, k.indexOf('.')));
        }
        m.toml.removeEmptyTable("static_configuration");
        m.toml.removeEmptyTable("registry.static_configuration");
        m.plan.note("Registry versioning is off in the new deployment.toml (" + to + "'s default; seed 004) "
                + (removed ? "- the carried switch was removed; " : "; ") + "the old installation had "
                + flags.describe() + (flags.any() ? ": migrate-registry-versioning removes the versioned rows." : "."));
    }

    /**
     * 4.x guides, step 1 note: with an admin role other than "admin", "make sure not to change the admin_role
     * configuration in the deployment.toml this time". The carried value is taken back to what the new file had;
     * finalize sets it before the final start (its adminRoleFromOldHome).
     */
    private static void deferAdminRole(Mapping m, TomlEditor newFileBefore, StepContext context) {
        Optional<String> carried = m.toml.getString(SUPER_ADMIN, ADMIN_ROLE);
        Optional<String> original = newFileBefore.getString(SUPER_ADMIN, ADMIN_ROLE);
        if (carried.isEmpty() || carried.equals(original)) {
            return;
        }
        if (original.isPresent()) {
            m.toml.set(SUPER_ADMIN, ADMIN_ROLE, original.get());
        } else {
            m.toml.remove(SUPER_ADMIN, ADMIN_ROLE);
        }
        m.plan.note("[super_admin] admin_role = \"" + carried.get() + "\" of the old deployment.toml is held back during the "
                + "migration runs (the " + context.path().id() + " guide: do not change admin_role this time); finalize sets "
                + "it before the final start.");
    }

    /**
     * 4.x guides, step 2 ("if you have used global sequences"): the old home's own sequences are listed in
     * {@code [apim.sync_runtime_artifacts.gateway.skip_list] sequences} (names already listed stay), so that the
     * gateway does not remove them at start; migrate-resources copies the files.
     */
    private static void globalSequenceSkipList(Mapping m, Installation old, StepContext context) {
        List<String> custom = io.github.apimupgrade.core.steps.resources.GlobalSequences.custom(old.home(),
                context.newHome().home());
        if (custom.isEmpty()) {
            return;
        }
        String table = io.github.apimupgrade.core.steps.resources.GlobalSequences.SKIP_LIST_TABLE;
        String key = io.github.apimupgrade.core.steps.resources.GlobalSequences.SKIP_LIST_KEY;
        java.util.LinkedHashSet<String> listed = new java.util.LinkedHashSet<>(m.toml.getStringList(table, key));
        if (listed.containsAll(custom)) {
            return;
        }
        listed.addAll(custom);
        m.toml.set(table, key, List.copyOf(listed));
        m.plan.note("Global sequences of the old home (" + String.join(", ", custom) + ") are listed in [" + table + "] "
                + key + ", so the gateway keeps them; migrate-resources copies the files.");
    }

    private static final String SUPER_ADMIN = "super_admin";
    private static final String ADMIN_ROLE = "admin_role";

    /** {@code [user_store] type} of the old deployment.toml, or null (3.0.0's default is a JDBC store). */
    private static String oldUserStoreType(Installation old, Workspace workspace) {
        Object type = Toml.parse(workspace.require(old.deploymentToml(), "The old home's deployment.toml")).get("user_store.type");
        return type instanceof String s ? s : null;
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
        UpgradePath path = context.path();
        TomlEraGateways.run(m, parsed, context.request().config().keepDefaultGatewayLabel(), where);
        TomlCarryOver.Result r = TomlCarryOver.carry(parsed, where, m.toml, KnownTomlKeys.load(path.knownKeys()),
                TomlCarryOver.stock(path.stockDefaults()).orElseThrow(() -> new IllegalStateException("paths.yaml: path "
                        + path.id() + " names stockDefaults " + path.stockDefaults() + ", which has no stock deployment.toml")),
                TomlKeyChanges.forHop(path.from(), path.to()));
        m.plan.note("Carried the old deployment.toml: " + r.updated().size() + " keys updated, " + r.added().size()
                + " added, " + r.unchanged() + " already equal.");
        if (!r.stockNotCarried().isEmpty()) {
            m.plan.note("Not carried, because the old file still had " + path.stockDefaults() + "'s stock value (the new "
                    + "version's value stands): " + String.join(", ", r.stockNotCarried()) + ".");
        }
        for (TomlCarryOver.Unplaced u : r.unplaced()) {
            if (u.fix() != null) {
                m.plan.manual("Not carried: " + u.key() + " (" + u.why() + ")", u.where(), u.fix());
                continue;
            }
            m.plan.manual("Carry " + u.key() + " by hand: " + u.why(), u.where(),
                    "redo it with the " + path.to() + " key that replaces it (Configuration Catalog), or drop it if obsolete");
        }
        if (!r.keptDefaults().isEmpty()) {
            m.plan.warning("Kept the " + path.to() + " stock value of keys the old file did not set (check them): "
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
    private static void otherFiles(Mapping m, Installation old, String to) {
        Path axis2 = old.conf().resolve("axis2/axis2.xml");
        if (Files.isRegularFile(axis2)) {
            hostnameVerifier(m, old, axis2);
        }
        for (String f : List.of("axis2/axis2.xml", "identity/identity.xml", "tomcat/catalina-server.xml")) {
            Path p = old.conf().resolve(f);
            if (Files.isRegularFile(p)) {
                m.plan.manual("Review " + f + " for customisations: it has no automatic mapping to deployment.toml",
                        old.display(p), "redo any change you made to it through the " + to + " deployment.toml keys "
                                + "(config catalog); do not copy the file");
            }
        }
    }

    /** A published WSO2 default password still in use is not masked (it is no secret): say so instead. */
    private static void stockPasswords(Mapping m, Installation old) {
        java.util.Set<String> uses = new java.util.LinkedHashSet<>(m.stockPasswords);
        old.roles().forEach((role, ds) -> {
            if (ds.password() != null && Redactor.isStockDefault(ds.password().reveal())) {
                uses.add("datasource " + ds.name() + " (" + role.tomlName() + ")");
            }
        });
        if (old.tomlEra()) {
            TomlParseResult t = Toml.parse(m.toml.text());
            for (String key : List.of("super_admin.password", "keystore.primary.password", "keystore.tls.password",
                    "keystore.internal.password", "truststore.password")) {
                if (t.get(key) instanceof String v && Redactor.isStockDefault(v)) {
                    uses.add("[" + key.substring(0, key.lastIndexOf('.')) + "] password");
                }
            }
        }
        if (!uses.isEmpty()) {
            m.plan.warning("A published WSO2 default password (" + String.join(", ", Redactor.STOCK_DEFAULTS.stream()
                    .sorted().toList()) + ") is still in use: " + String.join(", ", uses) + ". It is shown, not masked: "
                    + "anyone can look it up. Change it on a production installation.");
        }
    }

    /**
     * The passthrough HTTPS sender's HostnameVerifier (Kubernetes and Docker patterns set AllowAll for in-cluster
     * host names): {@code [transport.passthru_https.sender.parameters] HostnameVerifier} in 4.1.0 (product-apim
     * v4.1.0 default.json, stock DefaultAndLocalhost).
     */
    private static void hostnameVerifier(Mapping m, Installation old, Path axis2) {
        var doc = io.github.apimupgrade.core.config.xml.XmlDocument.parse(axis2);
        String xpath = "/axisconfig/transportSender[@name='https']/parameter[@name='HostnameVerifier']";
        doc.text(xpath).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> {
            m.toml.set("transport.passthru_https.sender.parameters", "HostnameVerifier", Mapping.xml(v));
            m.plan.note("axis2.xml https sender HostnameVerifier = " + v + " (" + old.display(axis2) + "): "
                    + "[transport.passthru_https.sender.parameters] HostnameVerifier.");
        });
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
                            + "cipher texts cannot be reused); migrate stops before the first server start until "
                            + "they are filled in", display + " [secrets]",
                    "cd " + bin + " && ./ciphertool.sh -Dconfigure");
        }
    }
}
