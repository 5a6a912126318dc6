package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Guide step 3: identity DDL, migration-config.yaml, the identity migration client, and a supervised -Dmigrate -Dcomponent=identity run of the new server; cleans up afterwards.
 */
@Mojo(name = "migrate-identity", defaultPhase = LifecyclePhase.COMPILE, requiresProject = false, threadSafe = true)
public class MigrateIdentityMojo extends AbstractUpgradeMojo {
}
