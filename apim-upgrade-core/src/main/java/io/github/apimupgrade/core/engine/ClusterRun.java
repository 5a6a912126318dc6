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
    /** The cluster's databases by role (the database node's), once read. */
    java.util.Map<io.github.apimupgrade.core.config.DatasourceRole, io.github.apimupgrade.core.config.Datasource> clusterRoles;
    /** The node whose indexing run came last in this call, or null. */
    String lastIndexed;
    /** When that indexing run ended (null in a plan: the whole nodeDelay is shown). */
    java.time.Instant lastIndexedAt;

    ClusterRun(Cluster cluster) {
        this.cluster = cluster;
    }
}
