package io.github.apimupgrade.core.cluster;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The node profiles of API Manager at both ends of an upgrade path. 2.x and 3.x start a node with
 * {@code -Dprofile=api-publisher|api-devportal (api-store)|gateway-worker|gateway-manager|traffic-manager|api-key-manager};
 * 4.x has {@code control-plane}, {@code gateway-worker} and {@code traffic-manager} (the Publisher, Devportal and Key
 * Manager in one control plane; a separate Key Manager node is an all-in-one pack configured as key manager). A node
 * without a profile is all-in-one at both ends.
 * <p>
 * What a profile does in the upgrade (the seeds' "in a clustered/distributed setup" notes): Synapse configurations go
 * to gateway nodes (seed 004 step 1.6), execution plans to the traffic manager (step 1.7), re-indexing and the tenant
 * loader to the Publisher and Devportal (Store) nodes (seed 000 step 5, seed 004 step 2.6.2), and the database
 * steps and migration runs to one node that holds the Publisher (an all-in-one, publisher or control-plane node).
 */
public enum NodeProfile {
    ALL_IN_ONE("all-in-one", Generation.BOTH, List.of("default")),
    PUBLISHER("publisher", Generation.CLASSIC, List.of("api-publisher")),
    DEVPORTAL("devportal", Generation.CLASSIC, List.of("store", "api-store", "api-devportal")),
    GATEWAY_WORKER("gateway-worker", Generation.BOTH, List.of("gateway")),
    GATEWAY_MANAGER("gateway-manager", Generation.CLASSIC, List.of()),
    TRAFFIC_MANAGER("traffic-manager", Generation.BOTH, List.of()),
    KEY_MANAGER("key-manager", Generation.BOTH, List.of("api-key-manager")),
    CONTROL_PLANE("control-plane", Generation.MODERN, List.of());

    /** Which API Manager releases have the profile: 2.x/3.x (classic), 4.x (modern), or both. */
    enum Generation { CLASSIC, MODERN, BOTH }

    private final String id;
    private final Generation generation;
    private final List<String> aliases;

    NodeProfile(String id, Generation generation, List<String> aliases) {
        this.id = id;
        this.generation = generation;
        this.aliases = aliases;
    }

    /** The POM's spelling: all-in-one, control-plane, gateway-worker, ... */
    public String id() {
        return id;
    }

    /** 4.x and later have the control plane; 2.x and 3.x the separate Publisher, Devportal and gateway manager. */
    static boolean modern(String version) {
        return version != null && !version.isBlank() && Character.isDigit(version.charAt(0))
                && Integer.parseInt(version.substring(0, version.indexOf('.') < 0 ? version.length() : version.indexOf('.'))) >= 4;
    }

    /** Whether a release of this version has the profile. */
    public boolean existsIn(String version) {
        return switch (generation) {
            case BOTH -> true;
            case CLASSIC -> !modern(version);
            case MODERN -> modern(version);
        };
    }

    /** The profiles a release of this version has, in the enum's order. */
    public static List<NodeProfile> of(String version) {
        return Arrays.stream(values()).filter(p -> p.existsIn(version)).toList();
    }

    /**
     * What this (old) node becomes in a release of {@code version}: 4.x folds the Publisher and Devportal into the
     * control plane and the gateway manager into the gateway; the other profiles stay.
     */
    public NodeProfile in(String version) {
        if (existsIn(version)) {
            return this;
        }
        if (modern(version)) {
            return switch (this) {
                case PUBLISHER, DEVPORTAL -> CONTROL_PLANE;
                case GATEWAY_MANAGER -> GATEWAY_WORKER;
                default -> this;
            };
        }
        return this == CONTROL_PLANE ? PUBLISHER : this; // no downgrade path exists; kept total
    }

    /** Synapse configurations are deployed here (gateway nodes, and all-in-one). */
    public boolean gateway() {
        return this == ALL_IN_ONE || this == GATEWAY_WORKER || this == GATEWAY_MANAGER;
    }

    /** Execution plans (throttling policies' Siddhi apps) live here: the traffic manager, and all-in-one. */
    public boolean trafficManager() {
        return this == ALL_IN_ONE || this == TRAFFIC_MANAGER;
    }

    /** Re-indexed after the migration, with the tenant loader (Publisher and Devportal / Store nodes). */
    public boolean indexes() {
        return this == ALL_IN_ONE || this == PUBLISHER || this == DEVPORTAL || this == CONTROL_PLANE;
    }

    /** Can run the database steps and migration runs of the cluster (holds the Publisher). */
    public boolean migratesDatabases() {
        return this == ALL_IN_ONE || this == PUBLISHER || this == CONTROL_PLANE;
    }

    /** The profile of an id or alias (case-insensitive), if any. */
    public static Optional<NodeProfile> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(n) || p.aliases.contains(n)).findFirst();
    }

    /**
     * The profile of {@code name}, which must exist at one end of the path.
     *
     * @param where where the name was written (for the error)
     */
    public static NodeProfile parse(String name, String from, String to, String where) {
        NodeProfile p = find(name).orElse(null);
        if (p == null || !(p.existsIn(from) || p.existsIn(to))) {
            throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "Unknown node profile '" + name + "' for the upgrade "
                    + from + " -> " + to + ".", where, "Use one of: " + names(from) + " (" + from + "), "
                    + names(to) + " (" + to + ").");
        }
        return p;
    }

    static String names(String version) {
        return String.join(", ", of(version).stream().map(NodeProfile::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
