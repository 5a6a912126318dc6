package io.github.apimupgrade.core.db.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the {@link Dialect} of a connection from its JDBC metadata, or by id. */
public final class Dialects {

    public static final Dialect H2 = new H2Dialect();
    public static final Dialect MYSQL = new MySqlDialect();
    public static final Dialect MARIADB = new MariaDbDialect();
    public static final Dialect POSTGRESQL = new PostgreSqlDialect();
    public static final Dialect ORACLE = new OracleDialect();
    public static final Dialect MSSQL = new SqlServerDialect();
    public static final Dialect DB2 = new Db2Dialect();

    /** Detection order matters: MariaDB before MySQL (a MariaDB server may call itself MySQL). */
    private static final List<Dialect> ALL = List.of(H2, MARIADB, MYSQL, POSTGRESQL, ORACLE, MSSQL, DB2);

    private Dialects() {
    }

    public static List<Dialect> all() {
        return ALL;
    }

    public static Optional<Dialect> byId(String id) {
        String wanted = id == null ? "" : id.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(d -> d.id().equals(wanted)).findFirst();
    }

    /**
     * Detects the dialect from the product name. MariaDB can report itself as "MySQL": its version string
     * ("5.5.5-10.6.12-MariaDB") decides then, not the URL (the MariaDB driver also connects to real MySQL servers).
     */
    public static Dialect detect(DatabaseMetaData md) throws SQLException {
        return detect(md.getDatabaseProductName(), md.getDatabaseProductVersion(), md.getURL());
    }

    public static Dialect detect(String productName, String productVersion, String url) {
        String name = AbstractDialect.lower(productName);
        String version = AbstractDialect.lower(productVersion);
        String u = AbstractDialect.lower(url);
        if (name.isBlank()) {
            Optional<Dialect> byUrl = fromUrl(url);
            if (byUrl.isPresent()) {
                return byUrl.get();
            }
        }
        for (Dialect d : ALL) {
            if (((AbstractDialect) d).handles(name, version, u)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unsupported database product '" + productName
                + "': supported are H2, MySQL, MariaDB, PostgreSQL, Oracle, SQL Server and DB2");
    }

    /** Dialect from a JDBC URL prefix, without connecting (for plan output and TOML types). */
    public static Optional<Dialect> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) return Optional.of(H2);
        if (u.startsWith("jdbc:mariadb:")) return Optional.of(MARIADB);
        if (u.startsWith("jdbc:mysql:")) return Optional.of(MYSQL);
        if (u.startsWith("jdbc:postgresql:")) return Optional.of(POSTGRESQL);
        if (u.startsWith("jdbc:oracle:")) return Optional.of(ORACLE);
        if (u.startsWith("jdbc:sqlserver:") || u.startsWith("jdbc:jtds:sqlserver:")) return Optional.of(MSSQL);
        if (u.startsWith("jdbc:db2:")) return Optional.of(DB2);
        return Optional.empty();
    }
}
