package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Back to the pre-upgrade state: empties each database and loads its recorded dump, checks the row counts, puts
 * back the old home's archived files and moves the journal aside. Needs -Dapim.upgrade.restoreConfirmed=true;
 * -Dapim.upgrade.dryRun=true lists the exact commands.
 */
@Mojo(name = "restore", requiresProject = false, threadSafe = true)
public class RestoreMojo extends AbstractUpgradeMojo {

    @Override
    protected void run(UpgradeEngine engine, UpgradeRequest request, String goal) {
        engine.restore(request);
    }
}
