package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * 3.0.0 -> 3.1.0, guide step 2.3: the AM_DB schema changes (AM_API_CATEGORIES, AM_SYSTEM_APPS.TENANT_DOMAIN, AM_USER, AM_SECURITY_AUDIT_UUID_MAPPING) for the database's dialect, re-runnable, never dropping a table.
 */
@Mojo(name = "migrate-apim-db", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresProject = false, threadSafe = true)
public class MigrateApimDbMojo extends AbstractUpgradeMojo {
}
