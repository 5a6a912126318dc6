package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How one database is dumped, checked and restored: {@code pg_dump} / {@code mysqldump} or {@code mariadb-dump}
 * when on the PATH, H2's own SCRIPT for H2, the plugin's {@link JdbcExport} otherwise; Oracle, SQL Server and DB2
 * are exported by the operator with the command this class gives. Passwords go through PGPASSWORD or a 600
 * defaults file, never on a command line; the command lines shown carry none.
 */
public final class DatabaseDump {

    public enum Format {
        PG_DUMP("pg_dump", ".pg_dump.sql"),
        MYSQL_DUMP("mysqldump", ".mysqldump.sql"),
        H2_SCRIPT("h2-script", ".h2.sql"),
        JDBC_EXPORT("jdbc-export", ".jdbc-export.json.gz"),
        VENDOR_EXPORT("vendor-export", null);

        final String id;
        final String suffix;

        Format(String id, String suffix) {
            this.id = id;
            this.suffix = suffix;
        }

        public String id() {
            return id;
        }

        static Format of(String id) {
            for (Format f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(id);
        }
    }

    private static final Duration TOOL_TIMEOUT = Duration.ofHours(12);

    private final Datasource ds;
    private final List<String> roles;
    private final String label;
    private final String dialect;
    private final Format format;
    private final Path tool;
    private final Endpoint endpoint;

    private DatabaseDump(Datasource ds, List<String> roles, String label, String dialect, Format format, Path tool, Endpoint endpoint) {
        this.ds = ds;
        this.roles = roles;
        this.label = label;
        this.dialect = dialect;
        this.format = format;
        this.tool = tool;
        this.endpoint = endpoint;
    }

    /** Chooses how to dump {@code db}; changes nothing. */
    public static DatabaseDump choose(Database db, Tools tools) {
        Datasource ds = db.datasource();
        String dialect = Dialects.fromUrl(ds.url()).map(d -> d.id()).orElse("unknown");
        List<String> roles = db.roles().stream().map(DatasourceRole::tomlName).sorted().toList();
        Optional<Endpoint> ep = Endpoint.parse(ds.url());
        Format format;
        Path tool = null;
        switch (dialect) {
            case "postgresql" -> {
                tool = ep.flatMap(e -> tools.find("pg_dump")).orElse(null);
                format = tool != null ? Format.PG_DUMP : Format.JDBC_EXPORT;
            }
            case "mysql", "mariadb" -> {
                List<String> names = dialect.equals("mysql") ? List.of("mysqldump", "mariadb-dump") : List.of("mariadb-dump", "mysqldump");
                tool = ep.flatMap(e -> tools.first(names)).orElse(null);
                format = tool != null ? Format.MYSQL_DUMP : Format.JDBC_EXPORT;
            }
            case "h2" -> format = Format.H2_SCRIPT;
            case "oracle", "mssql", "db2" -> format = Format.VENDOR_EXPORT;
            default -> format = Format.JDBC_EXPORT;
        }
        return new DatabaseDump(ds, roles, db.label(), dialect, format, tool, ep.orElse(null));
    }

    public Format format() {
        return format;
    }

    public String label() {
        return label;
    }

    public String dialect() {
        return dialect;
    }

    /** The file name inside the run directory. */
    public String fileName() {
        return ds.name().replaceAll("[^A-Za-z0-9_.-]", "_") + format.suffix;
    }

    /** What the plan shows: the exact command, without a password. */
    public String describe(Path file) {
        return switch (format) {
            case PG_DUMP -> String.join(" ", pgDumpCommand(file)) + "   (password in PGPASSWORD)";
            case MYSQL_DUMP -> String.join(" ", mysqlDumpCommand(Path.of("<600 defaults file with user and password>"), file));
            case H2_SCRIPT -> "SCRIPT TO '" + file + "' (H2, over JDBC), read back into a scratch in-memory H2 database";
            case JDBC_EXPORT -> "JDBC export of every table (columns, keys, indexes, rows) to " + file
                    + (dialect.equals("postgresql") ? " (pg_dump is not on the PATH)"
                    : dialect.startsWith("m") ? " (neither mariadb-dump nor mysqldump is on the PATH)" : "");
            case VENDOR_EXPORT -> vendorExportCommand(file.getParent());
        };
    }

    /** The operator's export command for Oracle, SQL Server and DB2 (run on or against the database server). */
    public String vendorExportCommand(Path dir) {
        String user = ds.username();
        String base = ds.name().replaceAll("[^A-Za-z0-9_]", "_");
        return switch (dialect) {
            case "oracle" -> "expdp " + user + "@" + oracleConnect(ds.url()) + " SCHEMAS=" + user.toUpperCase(Locale.ROOT)
                    + " DIRECTORY=DATA_PUMP_DIR DUMPFILE=" + base + ".dmp LOGFILE=" + base + "-export.log FLASHBACK_TIME=SYSTIMESTAMP";
            case "mssql" -> "sqlcmd -S " + mssqlServer(ds.url()) + " -U " + user + " -Q \"BACKUP DATABASE [" + mssqlDatabase(ds.url())
                    + "] TO DISK = N'" + dir + "/" + base + ".bak' WITH COPY_ONLY, CHECKSUM, INIT\"";
            case "db2" -> "db2 BACKUP DATABASE " + db2Database(ds.url()) + " USER " + user + " TO " + dir + " WITH 2 BUFFERS COMPRESS";
            default -> "(no export command for " + dialect + ")";
        };
    }

    /** The restore command the report gives for a dump at {@code file}. */
    public String restoreCommand(Path file) {
        return switch (format) {
            case PG_DUMP -> "psql --host " + endpoint.host() + " --port " + endpoint.port() + " --username " + ds.username()
                    + " --dbname " + endpoint.database() + " --no-psqlrc --single-transaction -v ON_ERROR_STOP=1 --file " + file
                    + "   (into an emptied database; password in PGPASSWORD)";
            case MYSQL_DUMP -> (tool.getFileName().toString().startsWith("mysql") ? "mysql" : "mariadb") + " --host " + endpoint.host()
                    + " --port " + endpoint.port() + " --user " + ds.username() + " -p " + endpoint.database() + " < " + file
                    + "   (into an emptied database)";
            case H2_SCRIPT -> "DROP ALL OBJECTS; RUNSCRIPT FROM '" + file + "'   (H2 shell on the same URL)";
            case JDBC_EXPORT -> "mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true";
            case VENDOR_EXPORT -> switch (dialect) {
                case "oracle" -> "impdp " + ds.username() + "@" + oracleConnect(ds.url()) + " SCHEMAS=" + ds.username().toUpperCase(Locale.ROOT)
                        + " DIRECTORY=DATA_PUMP_DIR DUMPFILE=" + ds.name().replaceAll("[^A-Za-z0-9_]", "_")
                        + ".dmp TABLE_EXISTS_ACTION=REPLACE   (after dropping the objects the upgrade created)";
                case "mssql" -> "RESTORE DATABASE [" + mssqlDatabase(ds.url()) + "] FROM DISK = N'" + file + "' WITH REPLACE, CHECKSUM";
                case "db2" -> "db2 RESTORE DATABASE " + db2Database(ds.url()) + " FROM " + file + " TAKEN AT <timestamp> REPLACE EXISTING";
                default -> "";
            };
        };
    }

    /**
     * Takes the dump into {@code runDir}, reads it back and compares its row counts with the live database's.
     * Throws {@link ErrorCode#BACKUP_FAILED} when they differ.
     */
    public BackupManifest.DumpRecord take(Database db, Path runDir, Redactor redactor) {
        try {
            Map<String, Long> live;
            if (format == Format.VENDOR_EXPORT) {
                try (Connection c = db.connect()) {
                    live = Tables.counts(c);
                }
                return new BackupManifest.DumpRecord(label, roles, dialect, redactor.redact(ds.url()), ds.username(), format.id,
                        null, 0, null, null, restoreCommand(runDir.resolve(fileName(".bak"))), live,
                        "exported by the operator (" + vendorExportCommand(runDir) + "), confirmed by backupExportsConfirmed");
            }
            Path file = runDir.resolve(fileName());
            String toolVersion;
            Map<String, Long> inDump;
            switch (format) {
                case PG_DUMP -> {
                    PrivateFiles.file(file);
                    toolVersion = Tools.version(tool);
                    Tools.run(pgDumpCommand(file), pgEnv(), null, null, runDir.resolve(".pg_dump.err"), TOOL_TIMEOUT, "pg_dump of " + label);
                    inDump = DumpReadBack.pgDump(file);
                }
                case MYSQL_DUMP -> {
                    PrivateFiles.file(file);
                    toolVersion = Tools.version(tool);
                    Path defaults = defaultsFile(runDir);
                    try {
                        Tools.run(mysqlDumpCommand(defaults, file), Map.of(), null, null, runDir.resolve(".mysqldump.err"),
                                TOOL_TIMEOUT, tool.getFileName() + " of " + label);
                    } finally {
                        Files.deleteIfExists(defaults);
                    }
                    inDump = DumpReadBack.mysqlDump(file);
                }
                case H2_SCRIPT -> {
                    Files.deleteIfExists(file);
                    try (Connection c = db.connect(); Statement s = c.createStatement()) {
                        toolVersion = "H2 " + c.getMetaData().getDatabaseProductVersion() + " SCRIPT";
                        s.execute("SCRIPT TO '" + file.toString().replace("'", "''") + "'");
                    }
                    PrivateFiles.restrict(file);
                    inDump = h2ScratchCounts(file);
                }
                case JDBC_EXPORT -> {
                    PrivateFiles.file(file);
                    try (Connection c = db.connect()) {
                        toolVersion = "apim-upgrade " + JdbcExport.FORMAT + " (" + c.getMetaData().getDriverName() + " "
                                + c.getMetaData().getDriverVersion() + ")";
                        JdbcExport.write(c, file);
                    }
                    inDump = JdbcExport.readCounts(file);
                }
                default -> throw new IllegalStateException(format.toString());
            }
            try (Connection c = db.connect()) {
                live = Tables.counts(c);
            }
            List<String> diffs = Tables.differences(inDump, live, "dump", "live database");
            if (!diffs.isEmpty()) {
                throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "The dump of " + label + " (" + file + ") does not match the live "
                                + "database: " + String.join("; ", diffs) + ".", ds.origin(),
                        "Stop every API Manager node that uses this database (something wrote to it while it was dumped), then run the backup again.", null);
            }
            long total = live.values().stream().mapToLong(Long::longValue).sum();
            String checked = format == Format.H2_SCRIPT
                    ? "restored into a scratch H2 database: " + live.size() + " tables, " + total + " rows, all equal to the live counts"
                    : "read back: " + live.size() + " tables, " + total + " rows, all equal to the live counts";
            return new BackupManifest.DumpRecord(label, roles, dialect, redactor.redact(ds.url()), ds.username(), format.id,
                    file.toAbsolutePath().toString(), Files.size(file), SafeFiles.sha256(file), toolVersion, restoreCommand(file.toAbsolutePath()),
                    live, checked);
        } catch (UpgradeException e) {
            // a tool's stderr is quoted in the message: mask anything secret before it reaches the build log
            throw e.code() == ErrorCode.BACKUP_FAILED && e.kind() == UpgradeException.Kind.ENVIRONMENT
                    ? UpgradeException.environment(e.code(), redactor.redact(e.getMessage()), e.location(), redactor.redact(e.hint()), e.getCause())
                    : e;
        } catch (SQLException | IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "Backing up " + label + " failed: " + redactor.redact(String.valueOf(e.getMessage())),
                    ds.origin(), "Fix the cause, or take the backup yourself and run with backup=external and backupReference=<its id>.", e);
        }
    }

    private String fileName(String suffix) {
        return ds.name().replaceAll("[^A-Za-z0-9_.-]", "_") + suffix;
    }

    List<String> pgDumpCommand(Path file) {
        return List.of(tool.toString(), "--host", endpoint.host(), "--port", String.valueOf(endpoint.port()),
                "--username", ds.username(), "--dbname", endpoint.database(), "--format=plain", "--no-owner", "--no-password",
                "--file", file.toString());
    }

    List<String> mysqlDumpCommand(Path defaults, Path file) {
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--defaults-extra-file=" + defaults,
                "--single-transaction", "--routines", "--triggers", "--hex-blob", "--no-tablespaces", "--result-file=" + file,
                endpoint.database()));
        return cmd;
    }

    private Map<String, String> pgEnv() {
        Map<String, String> env = new HashMap<>();
        if (!ds.password().isEmpty()) {
            env.put("PGPASSWORD", ds.password().reveal());
        }
        String ssl = endpoint.params().get("sslmode");
        if (ssl != null) {
            env.put("PGSSLMODE", ssl);
        }
        return env;
    }

    /** A [client] option file, 600, so the password never appears in a process listing. */
    private Path defaultsFile(Path runDir) throws IOException {
        Path f = PrivateFiles.file(runDir.resolve(".client-" + UUID.randomUUID() + ".cnf"));
        StringBuilder sb = new StringBuilder("[client]\n");
        sb.append("host=").append(endpoint.host()).append('\n');
        sb.append("port=").append(endpoint.port()).append('\n');
        sb.append("user=\"").append(optionEscape(ds.username())).append("\"\n");
        if (!ds.password().isEmpty()) {
            sb.append("password=\"").append(optionEscape(ds.password().reveal())).append("\"\n");
        }
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private static String optionEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Loads an H2 script into a private in-memory database and counts its tables. */
    private static Map<String, Long> h2ScratchCounts(Path script) throws SQLException {
        String url = "jdbc:h2:mem:apimup_check_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + script.toString().replace("'", "''") + "'");
            Map<String, Long> counts = Tables.counts(c);
            s.execute("SHUTDOWN");
            return counts;
        }
    }

    /**
     * Empties the target database and loads the dump into it; returns the row counts afterwards. The file's sha-256
     * must still be the recorded one.
     */
    public static Map<String, Long> restore(BackupManifest.DumpRecord record, Database target, Tools tools, Redactor redactor) {
        Format format = Format.of(record.format());
        Datasource ds = target.datasource();
        if (format == Format.VENDOR_EXPORT) {
            throw UpgradeException.user(ErrorCode.RESTORE_NOT_CONFIRMED, record.database() + " was exported by the operator; "
                    + "the plugin cannot load it.", ds.origin(), "Restore it yourself: " + record.restoreCommand());
        }
        Path file = Path.of(record.file());
        if (!Files.isRegularFile(file) || !SafeFiles.sha256(file).equals(record.sha256())) {
            throw UpgradeException.user(ErrorCode.BACKUP_FAILED, "The dump " + file + " of " + record.database()
                    + " is missing or no longer has the recorded sha-256 " + record.sha256() + ".", file.toString(),
                    "Put the original dump back (from your copy of the backup directory); nothing was restored.");
        }
        Endpoint ep = Endpoint.parse(ds.url()).orElse(null);
        try (Connection c = target.connect()) {
            SchemaCleaner.empty(c);
            switch (format) {
                case PG_DUMP -> {
                    Path psql = tools.find("psql").orElseThrow(() -> noClient("psql", record));
                    Map<String, String> env = new HashMap<>();
                    if (!ds.password().isEmpty()) {
                        env.put("PGPASSWORD", ds.password().reveal());
                    }
                    Tools.run(List.of(psql.toString(), "--host", ep.host(), "--port", String.valueOf(ep.port()), "--username", ds.username(),
                                    "--dbname", ep.database(), "--no-psqlrc", "--no-password", "--quiet", "--single-transaction",
                                    "-v", "ON_ERROR_STOP=1", "--file", file.toString()), env, null, null,
                            file.resolveSibling(".psql.err"), TOOL_TIMEOUT, "psql restore of " + record.database());
                }
                case MYSQL_DUMP -> {
                    Path client = tools.first(List.of("mariadb", "mysql")).orElseThrow(() -> noClient("mariadb or mysql", record));
                    DatabaseDump d = new DatabaseDump(ds, record.roles(), record.database(), record.dialect(), format, client, ep);
                    Path defaults = d.defaultsFile(file.getParent());
                    try {
                        Tools.run(List.of(client.toString(), "--defaults-extra-file=" + defaults, ep.database()), Map.of(), file, null,
                                file.resolveSibling(".mysql.err"), TOOL_TIMEOUT, client.getFileName() + " restore of " + record.database());
                    } finally {
                        Files.deleteIfExists(defaults);
                    }
                }
                case H2_SCRIPT -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("RUNSCRIPT FROM '" + file.toString().replace("'", "''") + "'");
                    }
                }
                case JDBC_EXPORT -> JdbcExport.restore(c, file);
                default -> throw new IllegalStateException(format.toString());
            }
            Map<String, Long> after = Tables.counts(c);
            List<String> diffs = Tables.differences(after, record.tableCounts(), "restored database", "backup");
            if (!diffs.isEmpty()) {
                throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "The restored " + record.database() + " differs from the backup: "
                        + String.join("; ", diffs) + ".", ds.origin(), "Restore it by hand: " + record.restoreCommand(), null);
            }
            return after;
        } catch (SQLException | IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "Restoring " + record.database() + " failed: "
                    + redactor.redact(String.valueOf(e.getMessage())), ds.origin(), "Restore it by hand: " + record.restoreCommand(), e);
        }
    }

    private static UpgradeException noClient(String name, BackupManifest.DumpRecord record) {
        return UpgradeException.user(ErrorCode.BACKUP_FAILED, name + " is not on the PATH: the dump of " + record.database()
                + " is a vendor dump.", "PATH", "Install the database client, or run: " + record.restoreCommand());
    }

    private static String oracleConnect(String url) {
        int at = url.indexOf('@');
        return at >= 0 ? "\"" + url.substring(at + 1) + "\"" : "<connect identifier>";
    }

    private static String mssqlServer(String url) {
        String rest = url.replaceFirst("^jdbc:sqlserver://", "");
        int semi = rest.indexOf(';');
        return (semi >= 0 ? rest.substring(0, semi) : rest).replace(':', ',');
    }

    private static String mssqlDatabase(String url) {
        for (String part : url.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("databasename=") || p.toLowerCase(Locale.ROOT).startsWith("database=")) {
                return p.substring(p.indexOf('=') + 1);
            }
        }
        return "<database>";
    }

    private static String db2Database(String url) {
        String rest = url.replaceFirst("^jdbc:db2://[^/]*/", "");
        int end = rest.indexOf(':');
        return end >= 0 ? rest.substring(0, end) : rest;
    }
}
