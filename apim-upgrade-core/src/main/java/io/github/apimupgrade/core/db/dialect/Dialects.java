package io.github.apimupgrade.core.db.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the {@link Dialect} of a connection from its JDBC metadata, or by id. */
public final class Dialects {

    private static final List<Dialect> ALL = List.of(
            BasicDialect.H2, BasicDialect.MARIADB, BasicDialect.MYSQL, BasicDialect.POSTGRESQL,
            BasicDialect.ORACLE, BasicDialect.MSSQL, BasicDialect.DB2);

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
     * Detects the dialect from the product name. MariaDB can report itself as "MySQL": the version string and
     * the URL decide then.
     */
    public static Dialect detect(DatabaseMetaData md) throws SQLException {
        return detect(md.getDatabaseProductName(), md.getDatabaseProductVersion(), md.getURL());
    }

    public static Dialect detect(String productName, String productVersion, String url) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        String version = productVersion == null ? "" : productVersion.toLowerCase(Locale.ROOT);
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return BasicDialect.H2;
        }
        if (name.contains("mariadb") || version.contains("mariadb") || u.startsWith("jdbc:mariadb:")) {
            return BasicDialect.MARIADB;
        }
        if (name.contains("mysql")) {
            return BasicDialect.MYSQL;
        }
        if (name.contains("postgres")) {
            return BasicDialect.POSTGRESQL;
        }
        if (name.contains("oracle")) {
            return BasicDialect.ORACLE;
        }
        if (name.contains("microsoft") || name.contains("sql server")) {
            return BasicDialect.MSSQL;
        }
        if (name.startsWith("db2")) {
            return BasicDialect.DB2;
        }
        throw new IllegalArgumentException("Unsupported database product '" + productName
                + "': supported are H2, MySQL, MariaDB, PostgreSQL, Oracle, SQL Server and DB2");
    }

    /** Dialect id from a JDBC URL prefix, without connecting (for plan output and TOML types). */
    public static Optional<Dialect> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) return Optional.of(BasicDialect.H2);
        if (u.startsWith("jdbc:mariadb:")) return Optional.of(BasicDialect.MARIADB);
        if (u.startsWith("jdbc:mysql:")) return Optional.of(BasicDialect.MYSQL);
        if (u.startsWith("jdbc:postgresql:")) return Optional.of(BasicDialect.POSTGRESQL);
        if (u.startsWith("jdbc:oracle:")) return Optional.of(BasicDialect.ORACLE);
        if (u.startsWith("jdbc:sqlserver:") || u.startsWith("jdbc:jtds:")) return Optional.of(BasicDialect.MSSQL);
        if (u.startsWith("jdbc:db2:")) return Optional.of(BasicDialect.DB2);
        return Optional.empty();
    }
}
