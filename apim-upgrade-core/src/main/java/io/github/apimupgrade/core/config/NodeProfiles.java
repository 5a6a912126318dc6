package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.xml.XmlDocument;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The profile of one node of a distributed deployment, as its old home's own files show it, so that the engine can
 * check the profile the POM gives the node ({@code cluster.ProfileDetector#fromConfiguration}, {@code cluster.Cluster}). Profile names are the POM's: {@code all-in-one}, {@code publisher},
 * {@code devportal} (alias {@code store}), {@code gateway-worker}, {@code gateway-manager}, {@code traffic-manager},
 * {@code key-manager}, {@code control-plane}.
 *
 * <p>What the files show:
 * <ul>
 *   <li>2.x homes: WSO2's profile optimisation ({@code bin/profileSetup.sh -Dprofile=<profile>}, wso2/product-apim
 *       v2.6.0 modules/distribution/product/src/main/startup-scripts/profileSetup.sh) prunes the home for its
 *       profile: the gateway keeps no Jaggery app and disables {@code PolicyDeployer} and registry indexing; the
 *       traffic manager also loses its Synapse configurations; the key manager loses Jaggery apps and Synapse
 *       configurations and disables {@code DataPublisher} and {@code JMSConnectionDetails}; the Publisher keeps only
 *       the {@code admin} and {@code publisher} Jaggery apps, the Store only {@code store}. A home that was never
 *       optimised has every profile's files (a node started with {@code -Dprofile=...} changes nothing on disk):
 *       its profile is unknown.</li>
 *   <li>3.x/4.x homes: {@code [server] server_role} of deployment.toml, the key WSO2's infer.json expands per profile
 *       (wso2/product-apim v3.0.0/v3.1.0/v4.1.0 modules/distribution/product/src/main/resources/conf/infer.json:
 *       {@code gateway-worker}, {@code api-key-manager}, {@code api-publisher}, {@code api-store} (3.0.0) or
 *       {@code api-devportal}, {@code traffic-manager}, {@code control-plane} and the {@code *-deprecated} names of
 *       4.x, {@code default}). No server_role: unknown.</li>
 * </ul>
 */
public final class NodeProfiles {
    public static final String ALL_IN_ONE = "all-in-one";
    public static final String PUBLISHER = "publisher";
    public static final String DEVPORTAL = "devportal";
    public static final String GATEWAY_WORKER = "gateway-worker";
    public static final String GATEWAY_MANAGER = "gateway-manager";
    public static final String TRAFFIC_MANAGER = "traffic-manager";
    public static final String KEY_MANAGER = "key-manager";
    public static final String CONTROL_PLANE = "control-plane";

    /** server_role values (3.x and 4.x infer.json) -> POM profile. */
    private static final Map<String, String> SERVER_ROLES = Map.ofEntries(
            Map.entry("default", ALL_IN_ONE),
            Map.entry("gateway-worker", GATEWAY_WORKER),
            Map.entry("traffic-manager", TRAFFIC_MANAGER),
            Map.entry("api-key-manager", KEY_MANAGER),
            Map.entry("api-key-manager-deprecated", KEY_MANAGER),
            Map.entry("api-publisher", PUBLISHER),
            Map.entry("api-publisher-deprecated", PUBLISHER),
            Map.entry("api-store", DEVPORTAL),
            Map.entry("api-devportal", DEVPORTAL),
            Map.entry("api-devportal-deprecated", DEVPORTAL),
            Map.entry("control-plane", CONTROL_PLANE));

    /**
     * server_role values a new home may accept for a profile, in order of preference; the first one the new
     * home's infer.json knows is written ({@link ServerRoles}). all-in-one has none: the default role.
     */
    private static final Map<String, List<String>> ROLE_CANDIDATES = Map.of(
            GATEWAY_WORKER, List.of("gateway-worker"),
            GATEWAY_MANAGER, List.of("gateway-worker"),
            TRAFFIC_MANAGER, List.of("traffic-manager"),
            KEY_MANAGER, List.of("api-key-manager", "api-key-manager-deprecated"),
            PUBLISHER, List.of("api-publisher", "api-publisher-deprecated"),
            DEVPORTAL, List.of("api-devportal", "api-store", "api-devportal-deprecated"),
            CONTROL_PLANE, List.of("control-plane"));

    private NodeProfiles() {
    }

    /**
     * What a home's files say about its profile.
     *
     * @param profile  the detected profile, or null when the files do not tell (unknown)
     * @param evidence what was found, each "file: finding", for the plan and for a mismatch error
     */
    public record Detection(String profile, List<String> evidence) {
        public boolean known() {
            return profile != null;
        }

        /** "gateway-worker (evidence; evidence)" or "unknown (evidence)". */
        public String describe() {
            return (profile == null ? "unknown" : profile) + " (" + String.join("; ", evidence) + ")";
        }
    }

    /** A POM profile name in its canonical spelling ({@code store} is {@code devportal}), or empty if unknown. */
    public static Optional<String> canonical(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("store") || n.equals("api-store") || n.equals("developer-portal")) {
            return Optional.of(DEVPORTAL);
        }
        return List.of(ALL_IN_ONE, PUBLISHER, DEVPORTAL, GATEWAY_WORKER, GATEWAY_MANAGER, TRAFFIC_MANAGER, KEY_MANAGER,
                CONTROL_PLANE).contains(n) ? Optional.of(n) : Optional.empty();
    }

    /** The server_role candidates for a profile, in order of preference (empty for all-in-one). */
    public static List<String> serverRoleCandidates(String profile) {
        return ROLE_CANDIDATES.getOrDefault(canonical(profile).orElse(profile), List.of());
    }

    /** The profile a server_role value stands for, or empty. */
    public static Optional<String> fromServerRole(String serverRole) {
        return Optional.ofNullable(serverRole == null ? null : SERVER_ROLES.get(serverRole.trim()));
    }

    public static Detection detect(Path home) {
        Path toml = home.resolve("repository").resolve("conf").resolve("deployment.toml");
        return Files.isRegularFile(toml) ? fromToml(toml) : fromXml(home);
    }

    // ---------------------------------------------------------------- 3.x / 4.x

    private static Detection fromToml(Path toml) {
        TomlParseResult t;
        try {
            t = Toml.parse(toml);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + toml, toml.toString(), null, e);
        }
        String where = "repository/conf/deployment.toml";
        Object role = t.hasErrors() ? null : t.get("server.server_role");
        if (!(role instanceof String r)) {
            return new Detection(null, List.of(where + ": no [server] server_role (WSO2's default role, which every "
                    + "profile started with -Dprofile can run)"));
        }
        int line = t.inputPositionOf("server.server_role") == null ? 0 : t.inputPositionOf("server.server_role").line();
        String at = where + ":" + line;
        return fromServerRole(r).map(p -> new Detection(p, List.of(at + ": server_role = \"" + r + "\"")))
                .orElseGet(() -> new Detection(null, List.of(at + ": server_role = \"" + r
                        + "\", a role WSO2's infer.json does not define")));
    }

    // ---------------------------------------------------------------- 2.x

    private static Detection fromXml(Path home) {
        Path conf = home.resolve("repository").resolve("conf");
        Path deployment = home.resolve("repository").resolve("deployment").resolve("server");
        List<String> evidence = new ArrayList<>();

        Optional<TreeSet<String>> jaggery = subdirectories(deployment.resolve("jaggeryapps"));
        Optional<TreeSet<String>> synapse = subdirectories(deployment.resolve("synapse-configs").resolve("default"));
        jaggery.ifPresent(j -> evidence.add("repository/deployment/server/jaggeryapps: "
                + (j.isEmpty() ? "no Jaggery app" : String.join(", ", j))));
        synapse.ifPresent(s -> evidence.add("repository/deployment/server/synapse-configs/default: "
                + (s.isEmpty() ? "only synapse.xml (its configurations removed)" : "has " + String.join(", ", s))));

        Flag dataPublisher = flag(conf.resolve("api-manager.xml"), "/APIManager/ThrottlingConfigurations/DataPublisher/Enabled");
        Flag jms = flag(conf.resolve("api-manager.xml"), "/APIManager/ThrottlingConfigurations/JMSConnectionDetails/Enabled");
        Flag policyDeployer = flag(conf.resolve("api-manager.xml"), "/APIManager/ThrottlingConfigurations/PolicyDeployer/Enabled");
        Flag indexing = flag(conf.resolve("registry.xml"), "/wso2registry/indexingConfiguration/startIndexing");
        for (Flag f : List.of(dataPublisher, jms, policyDeployer, indexing)) {
            if (f.value != null) {
                evidence.add(f.where + ": " + f.name + " = " + f.value);
            }
        }
        if (jaggery.isEmpty()) {
            return new Detection(null, evidence.isEmpty() ? List.of("no repository/deployment/server/jaggeryapps, "
                    + "api-manager.xml or registry.xml to tell") : evidence);
        }
        TreeSet<String> apps = jaggery.get();
        String profile;
        if (apps.isEmpty()) {
            boolean noSynapse = synapse.map(TreeSet::isEmpty).orElse(false);
            if (!noSynapse) {
                profile = GATEWAY_WORKER;
            } else if (dataPublisher.isFalse() && jms.isFalse()) {
                profile = KEY_MANAGER;
            } else {
                profile = TRAFFIC_MANAGER;
            }
        } else if (apps.contains("store") && !apps.contains("publisher")) {
            profile = DEVPORTAL;
        } else if (apps.contains("publisher") && !apps.contains("store")) {
            profile = PUBLISHER;
        } else if (policyDeployer.isFalse() && indexing.isFalse() && dataPublisher.isTrue()) {
            // every app still there, but api-manager.xml and registry.xml set up as the gateway optimisation does
            profile = GATEWAY_WORKER;
        } else {
            evidence.add("every profile's applications are present (the home was not profile-optimised)");
            profile = null;
        }
        return new Detection(profile, List.copyOf(evidence));
    }

    private record Flag(String name, String value, String where) {
        boolean isFalse() {
            return "false".equalsIgnoreCase(value);
        }

        boolean isTrue() {
            return value == null || "true".equalsIgnoreCase(value);
        }
    }

    private static Flag flag(Path file, String xpath) {
        String name = xpath.substring(xpath.lastIndexOf('/', xpath.lastIndexOf('/') - 1) + 1);
        String rel = "repository/conf/" + file.getFileName();
        if (!Files.isRegularFile(file)) {
            return new Flag(name, null, rel);
        }
        XmlDocument doc = XmlDocument.parse(file);
        Optional<Element> e = doc.element(xpath);
        return e.map(el -> new Flag(name, XmlDocument.textOf(el).trim(), rel + ":" + doc.line(el)))
                .orElseGet(() -> new Flag(name, null, rel));
    }

    private static Optional<TreeSet<String>> subdirectories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        TreeSet<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + dir, dir.toString(), null, e);
        }
        return Optional.of(out);
    }
}
