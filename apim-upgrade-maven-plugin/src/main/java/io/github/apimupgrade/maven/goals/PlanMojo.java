package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prerequisites: detects both installations, their versions and datasources (no secrets), runs the preflight
 * checks, and prints the ordered steps with the state and full plan of each and the manual actions still
 * required. Changes nothing. With failOnPendingChanges it is a CI gate.
 */
@Mojo(name = "plan", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = false, threadSafe = true)
public class PlanMojo extends AbstractUpgradeMojo {

    /** Fail the build when any step still has changes to make. */
    @Parameter(property = "apim.upgrade.failOnPendingChanges", defaultValue = "false")
    private boolean failOnPendingChanges;

    @Override
    protected void run(UpgradeEngine engine, UpgradeRequest request, String goal) {
        engine.plan(request);
    }

    @Override
    protected boolean failOnPendingChanges() {
        return failOnPendingChanges;
    }
}
