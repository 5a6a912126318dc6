package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.Mojo;

/** The journal's view of the upgrade: each step's state, when it ran and what it changed. */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractUpgradeMojo {

    @Override
    protected void run(UpgradeEngine engine, UpgradeRequest request, String goal) {
        engine.status(request);
    }
}
