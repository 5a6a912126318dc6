package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * 3.0.0 -> 3.1.0, the guide's scope-role note: adds your custom roles (scopeRoleMappings) to the REST API scopes of every tenant's tenant-conf.json in the registry database, keeping the old content as a backup; without a mapping, lists the unmapped roles.
 */
@Mojo(name = "migrate-scope-roles", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class MigrateScopeRolesMojo extends AbstractUpgradeMojo {
}
