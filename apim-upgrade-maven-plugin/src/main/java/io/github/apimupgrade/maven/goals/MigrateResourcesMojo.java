package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Guide step 2: copies JDBC drivers, your own jars and OSGi bundles, keystores, secondary user stores, synapse configurations and execution plans (3.0.0 -> 3.1.0), and translates custom log4j.properties loggers and appenders into log4j2.properties.
 */
@Mojo(name = "migrate-resources", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, requiresProject = false, threadSafe = true)
public class MigrateResourcesMojo extends AbstractUpgradeMojo {
}
