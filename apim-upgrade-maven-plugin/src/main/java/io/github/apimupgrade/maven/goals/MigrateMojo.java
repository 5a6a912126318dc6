package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The whole upgrade: every pending step of the path, in order. Resumes at a failed step; a finished upgrade is
 * a no-op that says so. Locks the new home and every database for the duration of the run.
 */
@Mojo(name = "migrate", requiresProject = false, threadSafe = true)
public class MigrateMojo extends AbstractUpgradeMojo {

    @Override
    protected void run(UpgradeEngine engine, UpgradeRequest request, String goal) {
        engine.migrate(request);
    }
}
