package io.github.apimupgrade.core.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's own databases. WSO2's distributed deployments share the API-M, registry and user databases between the
 * nodes that use them and leave every node its own embedded H2 files for the rest: the local registry
 * ({@code WSO2_CARBON_DB}), the message store, and on a gateway or traffic manager the {@code WSO2AM_DB} its
 * api-manager.xml still names (docs-apim 2.6.0 "Installing and Configuring the Databases" lists which profile
 * connects to which shared database; 4.1.0 "API-M Distributed Deployment - Overview": the gateway does not use
 * the API-M database). Such a file, inside the node's own home, is the node's, not the cluster's: it is not
 * migrated, not refused as an H2 migration database, not locked, and the node's new TOML keeps the new
 * version's default for it.
 */
public final class NodeDatabases {
    private static final Pattern H2_FILE = Pattern.compile("(?i)^jdbc:h2:(?:file:)?([^;]*)(;.*)?$");

    private NodeDatabases() {
    }

    /** Removes from {@code roles} and returns the ones played by embedded H2 files inside {@code home}. */
    static Map<DatasourceRole, Datasource> setApart(Path home, Map<DatasourceRole, Datasource> roles) {
        Map<DatasourceRole, Datasource> own = new EnumMap<>(DatasourceRole.class);
        for (Iterator<Map.Entry<DatasourceRole, Datasource>> it = roles.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<DatasourceRole, Datasource> e = it.next();
            if (isOwnEmbedded(e.getValue(), home)) {
                own.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        return own;
    }

    /**
     * An embedded H2 file (not {@code tcp:}/{@code ssl:}, not in-memory) inside the home. URLs are already made
     * absolute against the home by {@link InstallationReader} (relative paths, {@code ${carbon.home}}).
     */
    public static boolean isOwnEmbedded(Datasource ds, Path home) {
        if (ds == null || ds.url() == null) {
            return false;
        }
        Matcher m = H2_FILE.matcher(ds.url());
        if (!m.matches()) {
            return false;
        }
        String file = m.group(1);
        if (file.isEmpty() || file.regionMatches(true, 0, "mem:", 0, 4) || file.regionMatches(true, 0, "tcp:", 0, 4)
                || file.regionMatches(true, 0, "ssl:", 0, 4) || file.startsWith("~")) {
            return false;
        }
        try {
            return Path.of(file).toAbsolutePath().normalize().startsWith(home.toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
