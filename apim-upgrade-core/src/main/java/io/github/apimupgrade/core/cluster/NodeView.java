package io.github.apimupgrade.core.cluster;

/**
 * What a step sees of the deployment while it plans for one node: the node, the cluster, and whether another node's
 * re-indexing ran (or, in a plan, runs) just before in this engine call, so that nodeDelay separates the two.
 *
 * @param indexedBefore the id of the node whose indexing run precedes this node's in this call, or null
 */
public record NodeView(Cluster cluster, ClusterNode node, String indexedBefore) {

    /** The one-node case, and steps planned outside an engine call (tests). */
    public static final NodeView SINGLE = new NodeView(Cluster.single(null, null), Cluster.single(null, null).nodes().get(0), null);

    /** Whether this is one node of several (the report and the step plans name it). */
    public boolean clustered() {
        return !cluster.single();
    }

    /** The node's profile in the new release. */
    public NodeProfile profileIn(String toVersion) {
        return node.profileIn(toVersion);
    }

    /** "node gw1 (gateway-worker)", or "" in the one-node case. */
    public String label() {
        return clustered() ? "node " + node.label() : "";
    }
}
