package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Before guide step 1: counts what the upgrade must keep, dumps every database (pg_dump, mariadb-dump/mysqldump,
 * H2 SCRIPT or the JDBC export; Oracle/SQL Server/DB2 by the operator), reads each dump back against the live row
 * counts and archives the old home's data into backupDirectory; or records backup=external with backupReference.
 */
@Mojo(name = "backup", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class BackupMojo extends AbstractUpgradeMojo {
}
