package io.github.apimupgrade.core.cluster;

/**
 * Where a step runs in a distributed deployment (each step declares it, {@code Step.placement()}). In the one-node
 * case every step runs on that node.
 */
public enum Placement {
    /** On every node, on that node's own files (prepare-config, migrate-resources, finalize). */
    EVERY_NODE,
    /**
     * On the nodes that index the registry (Publisher, Devportal/Store, control plane, all-in-one), one at a time with
     * nodeDelay between two nodes' indexing runs (seed 000 step 5 "important", seed 004 step 2.6).
     */
    INDEXING_NODES,
    /**
     * Once for the cluster, on its database node ({@link Cluster#databaseNode()}); recorded in the databases'
     * APIM_UPGRADE_HISTORY, which every other node reads instead of running it (database scripts, backup, verify).
     */
    ONCE,
    /**
     * The migration run once for the cluster on the database node; every other node then makes the step's own
     * changes to its home (the [user_store] type after the identity migration, no client left installed) without
     * running the migration again, once the databases record the run.
     */
    ONCE_WITH_NODE_PART
}
