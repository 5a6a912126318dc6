package io.github.apimupgrade.core.cluster;

/**
 * What a step sees of the deployment while it plans for one node: the node, the cluster, and whether another node's
 * re-indexing ran (or, in a plan, runs) just before in this engine call, so that nodeDelay separates the two.
 *
 * @param indexedBefore the id of the node whose indexing run precedes this node's (in this call, or recorded in the
 *                      databases by another node's job within nodeDelay), or null
 * @param waitLeft      how long to wait before this node's indexing: null for the whole nodeDelay (a plan), else what is
 *                      left of nodeDelay since the other node's indexing ended
 */
public record NodeView(Cluster cluster, ClusterNode node, String indexedBefore, java.time.Duration waitLeft) {

    public NodeView(Cluster cluster, ClusterNode node, String indexedBefore) {
        this(cluster, node, indexedBefore, null);
    }

    /** The wait before this node's indexing run, given nodeDelay: zero when no other node indexed just before. */
    public java.time.Duration waitBeforeIndexing(java.time.Duration nodeDelay) {
        if (indexedBefore == null || nodeDelay.isZero() || nodeDelay.isNegative()) {
            return java.time.Duration.ZERO;
        }
        return waitLeft == null ? nodeDelay : waitLeft.compareTo(nodeDelay) > 0 ? nodeDelay : waitLeft;
    }

    /** The one-node case, and steps planned outside an engine call (tests). */
    public static final NodeView SINGLE = new NodeView(Cluster.single(null, null), Cluster.single(null, null).nodes().get(0), null, null);

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
