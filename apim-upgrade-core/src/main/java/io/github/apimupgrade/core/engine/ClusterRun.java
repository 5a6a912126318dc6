package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.cluster.Cluster;

import java.util.HashSet;
import java.util.Set;

/**
 * What one engine call has done (or, in a plan, would do) across the nodes it visits: the cluster steps the database
 * node runs in this call (the other nodes' parts of them follow), and the node whose re-indexing ran last.
 */
final class ClusterRun {
    final Cluster cluster;
    /** Cluster-once steps the database node runs (or plans) in this call. */
    final Set<String> onDatabaseNode = new HashSet<>();
    /** The node whose indexing run came last in this call, or null. */
    String lastIndexed;

    ClusterRun(Cluster cluster) {
        this.cluster = cluster;
    }
}
