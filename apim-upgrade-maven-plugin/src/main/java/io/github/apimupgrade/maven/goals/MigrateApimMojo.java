package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Guide step 4: AM_DB scripts (3.0.0 -> 3.1.0), the API-M migration client, the pre-migration validation run (fails listing invalid API definitions), and the supervised migration run; cleans up afterwards.
 */
@Mojo(name = "migrate-apim", defaultPhase = LifecyclePhase.COMPILE, requiresProject = false, threadSafe = true)
public class MigrateApimMojo extends AbstractUpgradeMojo {
}
