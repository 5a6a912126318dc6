package io.github.apimupgrade.core.cluster;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The nodes an engine call upgrades: the POM's {@code <nodes>}, or the one node of {@code oldHome}/{@code newHome}.
 * Decides where each step runs ({@link #role}): the database steps and migration runs once, on the database node
 * (the first all-in-one, publisher or control-plane node in the POM: seed 000 step 3 and seed 004 step 2 run them
 * "on" the Publisher), per-node steps on each node's own homes.
 */
public final class Cluster {
    /** Node ids: what -Dapim.upgrade.node takes and what the report prints. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** The id of the one node of the oldHome/newHome case. */
    public static final String SINGLE = "node";

    /** Where a step stands on one node. */
    public enum Role {
        /** The step runs on this node. */
        HERE,
        /** The migration ran (or runs) on the database node; this node makes the step's own home changes. */
        NODE_PART,
        /** Once for the cluster, on another node: this node reads its databases' record of it. */
        ELSEWHERE,
        /** Not for this node's profile (re-indexing on a gateway). */
        NOT_FOR_PROFILE
    }

    private final List<ClusterNode> nodes;
    private final boolean single;

    private Cluster(List<ClusterNode> nodes, boolean single) {
        this.nodes = List.copyOf(nodes);
        this.single = single;
    }

    /** The one-node case: every step runs on it. */
    public static Cluster single(Path oldHome, Path newHome) {
        return new Cluster(List.of(new ClusterNode(SINGLE, NodeProfile.ALL_IN_ONE, oldHome, newHome, true, 0)), true);
    }

    /**
     * The request's nodes, checked: ids unique and well-formed, both homes given and not shared, the profile known
     * (or detected), the POM's profile agreeing with what the old home's configuration shows, one node that can run
     * the database steps.
     */
    public static Cluster of(UpgradeRequest request, ProfileDetector detector) {
        List<NodeSpec> specs = request.nodes();
        if (specs.isEmpty()) {
            if (request.node() != null) {
                throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "apim.upgrade.node=" + request.node()
                                + " is set, but the configuration has no <nodes>.", "apim.upgrade.node",
                        "Remove -Dapim.upgrade.node for the one-node case (oldHome/newHome), or describe the nodes in <nodes>.");
            }
            return single(request.oldHome(), request.newHome());
        }
        if (request.oldHome() != null || request.newHome() != null || request.deploymentToml() != null) {
            throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "Both <nodes> and the one-node "
                            + (request.deploymentToml() != null ? "<deploymentToml>" : "<oldHome>/<newHome>") + " are set.",
                    "<nodes>", "Give each node's homes in its <node> (each node's TOML is its new home's "
                            + "repository/conf/deployment.toml), and remove oldHome, newHome and deploymentToml "
                            + "(also -Dapim.upgrade.oldHome/newHome/deploymentToml).");
        }
        List<ClusterNode> out = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        Map<Path, String> homes = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            NodeSpec n = specs.get(i);
            String where = "<nodes><node> #" + (i + 1) + (n.id() == null ? "" : " (" + n.id() + ")");
            if (n.id() == null || !ID.matcher(n.id()).matches()) {
                throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "Node #" + (i + 1) + " has "
                                + (n.id() == null ? "no <id>" : "the id '" + n.id() + "', which is not a plain name") + ".", where,
                        "Give every node an <id> of letters, digits, '.', '_' or '-' (cp1, gw1): -Dapim.upgrade.node takes it.");
            }
            String key = n.id().toLowerCase(java.util.Locale.ROOT);
            if (ids.putIfAbsent(key, n.id()) != null) {
                throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "Two nodes have the id '" + n.id() + "'.", where,
                        "Give every node its own <id>.");
            }
            requireHome(n.oldHome(), "oldHome", n.id(), where);
            requireHome(n.newHome(), "newHome", n.id(), where);
            for (Path home : List.of(n.oldHome(), n.newHome())) {
                Path k = home.toAbsolutePath().normalize();
                String other = homes.putIfAbsent(k, n.id());
                if (other != null) {
                    throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "Nodes " + other + " and " + n.id()
                                    + " (or one node's two homes) use the same directory " + k + ".", where,
                            "Each node has its own old and new home (mount each host's directories at their own paths).");
                }
            }
            out.add(new ClusterNode(n.id(), profile(n, detector, where), n.oldHome(), n.newHome(), false, i));
        }
        ClusterNode db = out.stream().filter(n -> n.profile().migratesDatabases()).findFirst().orElseThrow(() ->
                UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "No node of the cluster can run its database steps and "
                                + "migration runs: they need an all-in-one, publisher or control-plane node.", "<nodes>",
                        "Add the node that hosts the Publisher (2.x/3.x) or the control plane (4.x) to <nodes>."));
        out.set(db.order(), new ClusterNode(db.id(), db.profile(), db.oldHome(), db.newHome(), true, db.order()));
        Cluster c = new Cluster(out, false);
        if (request.node() != null) {
            c.node(request.node()); // an unknown id fails before anything is read
        }
        return c;
    }

    private static void requireHome(Path home, String what, String id, String where) {
        if (home == null) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "Node " + id + " has no <" + what + ">.", where,
                    "Set <" + what + "> of node " + id + " (a local directory, or one this machine has mounted).");
        }
    }

    private static NodeProfile profile(NodeSpec n, ProfileDetector detector, String where) {
        Optional<ProfileDetector.Detected> detected = detector.detect(n.oldHome());
        if (n.profile() == null || n.profile().isBlank()) {
            return detected.map(ProfileDetector.Detected::profile).orElseThrow(() -> UpgradeException.user(
                    ErrorCode.CLUSTER_CONFIG, "Node " + n.id() + " has no <profile>, and its old home's configuration "
                            + "does not show one.", where, "Set <profile> of node " + n.id() + " (" + allNames() + ")."));
        }
        NodeProfile given = NodeProfile.find(n.profile()).orElseThrow(() -> UpgradeException.user(ErrorCode.CLUSTER_CONFIG,
                "Node " + n.id() + " has the unknown profile '" + n.profile() + "'.", where + " <profile>",
                "Use one of: " + allNames() + "."));
        if (detected.isPresent() && !sameRole(given, detected.get().profile())) {
            ProfileDetector.Detected d = detected.get();
            throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "Node " + n.id() + " is given as " + given.id()
                            + ", but its old home's configuration shows a " + d.profile().id() + " node (" + d.source() + ").",
                    where + " <profile>", "Correct <profile> of node " + n.id() + ", or check that its <oldHome> is that node's.");
        }
        return given;
    }

    /** The same node at either end of a path (a 2.x publisher is a 4.x control plane). */
    static boolean sameRole(NodeProfile a, NodeProfile b) {
        return a == b || a.in("4.0.0") == b.in("4.0.0");
    }

    private static String allNames() {
        return "2.x/3.x: " + NodeProfile.names("3.0.0") + "; 4.x: " + NodeProfile.names("4.0.0");
    }

    /** The oldHome/newHome case: one node, no node ids in the report. */
    public boolean single() {
        return single;
    }

    /** In the POM's order. */
    public List<ClusterNode> nodes() {
        return nodes;
    }

    /** The node that runs the database steps and migration runs. */
    public ClusterNode databaseNode() {
        return nodes.stream().filter(ClusterNode::databaseNode).findFirst().orElseThrow();
    }

    /** The node of an id; an unknown id fails with the list of ids. */
    public ClusterNode node(String id) {
        return nodes.stream().filter(n -> n.id().equalsIgnoreCase(id.trim())).findFirst().orElseThrow(() ->
                UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "There is no node '" + id + "' in <nodes>.",
                        "apim.upgrade.node", "Use one of: " + ids() + "."));
    }

    /** "cp1, cp2, gw1". */
    public String ids() {
        return String.join(", ", nodes.stream().map(ClusterNode::id).toList());
    }

    /**
     * The nodes an engine call visits, in order: the database node first (its steps make what the others wait for),
     * then the others in the POM's order; or only the selected one ({@code -Dapim.upgrade.node}).
     */
    public List<ClusterNode> runOrder(String selected) {
        if (selected != null) {
            return List.of(node(selected));
        }
        List<ClusterNode> out = new ArrayList<>();
        out.add(databaseNode());
        nodes.stream().filter(n -> !n.databaseNode()).forEach(out::add);
        return out;
    }

    /** Where a step of this placement stands on the node, for an upgrade to {@code toVersion}. */
    public Role role(Placement placement, ClusterNode node, String toVersion) {
        if (single) {
            return Role.HERE;
        }
        return switch (placement) {
            case EVERY_NODE -> Role.HERE;
            case INDEXING_NODES -> node.profileIn(toVersion).indexes() ? Role.HERE : Role.NOT_FOR_PROFILE;
            case ONCE -> node.databaseNode() ? Role.HERE : Role.ELSEWHERE;
            case ONCE_WITH_NODE_PART -> node.databaseNode() ? Role.HERE : Role.NODE_PART;
        };
    }

    /** The nodes a step of this placement changes (HERE or NODE_PART), in run order. */
    public List<ClusterNode> nodesOf(Placement placement, String toVersion) {
        return runOrder(null).stream().filter(n -> {
            Role r = role(placement, n, toVersion);
            return r == Role.HERE || r == Role.NODE_PART;
        }).toList();
    }
}
