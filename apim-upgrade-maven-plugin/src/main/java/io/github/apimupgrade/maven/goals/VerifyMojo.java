package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * After the last step: compares tenants, APIs per tenant and state, revisions, applications, subscriptions, users
 * and roles, registry API artifacts with the counts the backup step took, and checks the new server's log; any
 * difference fails the build.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractUpgradeMojo {
}
