package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Guide step 5: bumps [indexing] re_indexing, backs up and removes solr, compacts REG_LOG (3.1.0), adds the tenant loader for multi-tenant installations, and restarts the server until it has started.
 */
@Mojo(name = "reindex", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class ReindexMojo extends AbstractUpgradeMojo {
}
