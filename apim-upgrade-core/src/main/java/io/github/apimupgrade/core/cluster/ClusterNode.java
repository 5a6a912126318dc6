package io.github.apimupgrade.core.cluster;

import java.nio.file.Path;

/**
 * One node of the deployment, resolved: its profile (as written in the POM, or detected from its old home), its homes,
 * and whether it is the cluster's database node.
 *
 * @param id           the node id ({@code -Dapim.upgrade.node}); "node" in the one-node case
 * @param profile      the profile as given or detected (either end of the path)
 * @param oldHome      the node's installation being upgraded
 * @param newHome      the node's new API Manager
 * @param databaseNode runs the cluster's database steps and migration runs
 * @param order        the node's position in the POM (0-based)
 */
public record ClusterNode(String id, NodeProfile profile, Path oldHome, Path newHome, boolean databaseNode, int order) {

    /** The node's profile in a release of {@code version} (a 2.x publisher is a 4.x control plane). */
    public NodeProfile profileIn(String version) {
        return profile.in(version);
    }

    /** "cp1 (control-plane)". */
    public String label() {
        return id + " (" + profile.id() + ")";
    }
}
