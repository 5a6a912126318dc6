package io.github.apimupgrade.core.db.dialect;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL scripts shipped with the tool, one file per script and dialect:
 * {@code io/github/apimupgrade/core/sql/<script-id>/<dialect-id>.sql}. Ids ending in {@code -seed} hold the WSO2
 * guides' text as written (reference and tests); the others are the scripts the steps run.
 */
public final class SqlScripts {

    /** Seed 000 step 1.5: the guide's registry-versioning cleanup (h2 = the PostgreSQL text; MariaDB uses MySQL's). */
    public static final String REGISTRY_VERSIONING_CLEANUP_SEED = "registry-versioning-cleanup-seed";
    /** Seed 000 step 1.5, set-based: what migrate-registry-versioning runs (owned by that step). */
    public static final String REGISTRY_VERSIONING_CLEANUP = "registry-versioning-cleanup";
    /** Seed 000 step 3.2: IDN_UMA_* tables, re-runnable form for all seven dialects. */
    public static final String IDENTITY_UMA_DDL = "identity-uma-ddl";
    public static final String IDENTITY_UMA_DDL_SEED = "identity-uma-ddl-seed";
    /** Seed 004 step 2.3: AM_DB 3.0.0 to 3.1.0, re-runnable form for all seven dialects. */
    public static final String AM_DB_300_TO_310 = "am-db-300-to-310";
    public static final String AM_DB_300_TO_310_SEED = "am-db-300-to-310-seed";
    /**
     * Not in the guides: what WSO2's own 3.1.0 AM_DB schema has beyond the guide's 3.0.0 -> 3.1.0 script
     * (AM_CERTIFICATE_METADATA.ALIAS/END_POINT VARCHAR(255); on H2, SQL Server and DB2 AM_SYSTEM_APPS without the
     * old UNIQUE (NAME)). Its own id, so that a database that already ran am-db-300-to-310 is not refused.
     */
    public static final String AM_DB_310_SCHEMA = "am-db-310-schema";
    /** Seed 004 step 3.1: APILASTACCESSSUMMARY primary key (SQL Server typo and DB2 syntax corrected). */
    public static final String ANALYTICS_300_TO_310 = "analytics-300-to-310";
    public static final String ANALYTICS_300_TO_310_SEED = "analytics-300-to-310-seed";

    /**
     * 4.0.0 -> 4.1.0 guide, step 1.5: the two registry indexes carbon-kernel 4.6.3 (API-M 4.1.0) added to REG_RESOURCE_TAG
     * and REG_RESOURCE_PROPERTY, on the registry (shared) database; the guide's text per dialect in the seed, H2 from
     * the kernel's own h2.sql, SQL Server without the guide's drop of a same-named index that 4.0.0 does not have, MySQL
     * without USING HASH (InnoDB builds a B-tree either way).
     */
    public static final String REGISTRY_INDEXES_400_TO_410 = "registry-indexes-400-to-410";
    public static final String REGISTRY_INDEXES_400_TO_410_SEED = "registry-indexes-400-to-410-seed";

    public static final List<String> IDS = List.of(REGISTRY_VERSIONING_CLEANUP_SEED, REGISTRY_VERSIONING_CLEANUP, IDENTITY_UMA_DDL, IDENTITY_UMA_DDL_SEED,
            AM_DB_300_TO_310, AM_DB_300_TO_310_SEED, AM_DB_310_SCHEMA, ANALYTICS_300_TO_310, ANALYTICS_300_TO_310_SEED,
            REGISTRY_INDEXES_400_TO_410, REGISTRY_INDEXES_400_TO_410_SEED);

    private static final String ROOT = "/io/github/apimupgrade/core/sql/";

    /**
     * One script for one dialect.
     *
     * @param id       script id
     * @param dialect  the dialect it is written for (and split with)
     * @param resource classpath resource it came from
     * @param text     the script text (UTF-8)
     * @param sha256   SHA-256 of the text's UTF-8 bytes, lower-case hex: recorded in the history table
     */
    public record Script(String id, Dialect dialect, String resource, String text, String sha256) {
        /** "am-db-300-to-310/postgresql.sql": how messages and history rows name the script. */
        public String name() {
            return id + "/" + dialect.id() + ".sql";
        }

        public List<SqlStatement> statements() {
            return dialect.split(text);
        }
    }

    private SqlScripts() {
    }

    /**
     * Runnable scripts that are the guide's text unchanged (the runner's existence checks make them re-runnable as
     * written): they are served from the "-seed" file rather than kept as a second copy.
     */
    private static final Set<String> SAME_AS_SEED = Set.of(
            "am-db-300-to-310/db2", "am-db-300-to-310/mysql", "am-db-300-to-310/oracle",
            "analytics-300-to-310/h2", "analytics-300-to-310/mysql", "analytics-300-to-310/oracle",
            "identity-uma-ddl/db2", "identity-uma-ddl/oracle",
            "registry-indexes-400-to-410/db2", "registry-indexes-400-to-410/oracle",
            "registry-indexes-400-to-410/postgresql");

    /**
     * Earlier shipped versions of a script (by {@link Script#name()}: sha-256 of their text) that its current version
     * is written to complete: run on a database where the earlier one succeeded, it creates nothing twice and brings
     * what the earlier one created to the current shape. The runner runs the current version there instead of
     * refusing it as changed (SCRIPT_CHANGED stays for every other difference).
     */
    private static final java.util.Map<String, Set<String>> EARLIER_VERSIONS = java.util.Map.of(
            // the seed's MySQL text: no TIMESTAMP defaults (fails on MySQL 5.7, ON UPDATE on MariaDB <= 10.9)
            "identity-uma-ddl/mysql.sql", Set.of("bacf8fbeed6fceea27fec2e59e9beb64037ca582a8f6b31782c670071b6cee0f"),
            "identity-uma-ddl/mariadb.sql", Set.of("e59f43826a2f57551f7bd7ac0474e1377e4662607b66dab7dfce9d1705d54c35"));

    /** Whether {@code sha256} is an earlier version of the script named {@code scriptName} that the current one completes. */
    public static boolean isEarlierVersion(String scriptName, String sha256) {
        return EARLIER_VERSIONS.getOrDefault(scriptName, Set.of()).contains(sha256);
    }

    public static boolean exists(String scriptId, Dialect dialect) {
        return resource(scriptId, dialect).isPresent();
    }

    /**
     * The classpath resource serving a script for a dialect. MariaDB uses MySQL's file when it has none of its own
     * (MariaDbDialect extends MySqlDialect); {@link #SAME_AS_SEED} scripts come from their "-seed" twin.
     */
    static Optional<String> resource(String scriptId, Dialect dialect) {
        List<String> candidates = dialect.id().equals("mariadb") ? List.of("mariadb", "mysql") : List.of(dialect.id());
        for (String d : candidates) {
            String id = SAME_AS_SEED.contains(scriptId + "/" + d) ? scriptId + "-seed" : scriptId;
            String path = ROOT + id + "/" + d + ".sql";
            if (SqlScripts.class.getResource(path) != null) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Loads a script; an unknown script id or a dialect it has no file for is a clear INTERNAL failure. */
    public static Script load(String scriptId, Dialect dialect) {
        String resource = resource(scriptId, dialect).orElse(ROOT + scriptId + "/" + dialect.id() + ".sql");
        try (InputStream in = SqlScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                List<String> have = Dialects.all().stream().filter(d -> exists(scriptId, d)).map(Dialect::id).toList();
                String what = have.isEmpty()
                        ? "Unknown SQL script '" + scriptId + "' (known: " + String.join(", ", IDS) + ")."
                        : "SQL script '" + scriptId + "' has no " + dialect.id() + " version (it has: " + String.join(", ", have) + ").";
                throw UpgradeException.environment(ErrorCode.INTERNAL, what, resource,
                        "This database is not supported by this step; report it to the apim-upgrade maintainers.", null);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Script(scriptId, dialect, resource.substring(1), text, SafeFiles.sha256(text));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Same as {@link #load(String, Dialect)} with a dialect id (h2, mysql, mariadb, postgresql, oracle, mssql, db2). */
    public static Script load(String scriptId, String dialectId) {
        Dialect d = Dialects.byId(dialectId).orElseThrow(() -> UpgradeException.environment(ErrorCode.INTERNAL,
                "Unknown dialect '" + dialectId + "' for SQL script '" + scriptId + "'.", null,
                "Use one of h2, mysql, mariadb, postgresql, oracle, mssql, db2.", null));
        return load(scriptId, d);
    }
}
