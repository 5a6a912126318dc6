package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Guide step 6: sets GroupAndRoleSeparationEnabled, restarts the server and checks it started; the report lists what the operator must still do by hand.
 */
@Mojo(name = "finalize", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class FinalizeMojo extends AbstractUpgradeMojo {
}
