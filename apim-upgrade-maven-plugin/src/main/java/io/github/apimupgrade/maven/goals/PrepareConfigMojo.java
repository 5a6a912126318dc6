package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Guide step 1 (and the TOML parts of steps 2, 3 and 6): writes the old installation's databases, realm, gateway environment and labels, user store type, keystores and registry versioning choice into the new deployment.toml, keeping its comments and untouched lines byte-identical (a backup of the previous file is kept).
 */
@Mojo(name = "prepare-config", defaultPhase = LifecyclePhase.GENERATE_SOURCES, requiresProject = false, threadSafe = true)
public class PrepareConfigMojo extends AbstractUpgradeMojo {
}
