package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * 3.0.0 -> 3.1.0, guide step 3 (when analyticsHome is set): the APILASTACCESSSUMMARY primary key change on APIM_ANALYTICS_DB, the Analytics worker and dashboard deployment.yaml pointed at the old databases, the JDBC driver as an OSGi bundle, and [apim.analytics] enable.
 */
@Mojo(name = "migrate-analytics", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class MigrateAnalyticsMojo extends AbstractUpgradeMojo {
}
