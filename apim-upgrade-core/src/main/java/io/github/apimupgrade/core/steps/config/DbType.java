package io.github.apimupgrade.core.steps.config;

import java.util.Optional;

/**
 * Database types in 4.1.0's {@code [database.*] type} vocabulary (kernel infer.json keys), detected from the old
 * JDBC URL, with the driver and validation query written when the old datasource did not name them (the seed's
 * values for the types it lists; the kernel inference for the others).
 */
enum DbType {
    H2("h2", "jdbc:h2:", "org.h2.Driver", "SELECT 1"),
    MYSQL("mysql", "jdbc:mysql:", "com.mysql.jdbc.Driver", "SELECT 1"),
    MARIADB("mariadb", "jdbc:mariadb:", "org.mariadb.jdbc.Driver", "SELECT 1"),
    POSTGRE("postgre", "jdbc:postgresql:", "org.postgresql.Driver", "SELECT 1"),
    MSSQL("mssql", "jdbc:sqlserver:", "com.microsoft.sqlserver.jdbc.SQLServerDriver", "SELECT 1"),
    /** jTDS URLs are SQL Server too; its driver must be written explicitly (inference would pick Microsoft's). */
    MSSQL_JTDS("mssql", "jdbc:jtds:sqlserver:", "net.sourceforge.jtds.jdbc.Driver", "SELECT 1"),
    ORACLE("oracle", "jdbc:oracle:", "oracle.jdbc.driver.OracleDriver", "SELECT 1 FROM DUAL"),
    DB2("db2", "jdbc:db2:", "com.ibm.db2.jcc.DB2Driver", "SELECT 1 FROM SYSIBM.SYSDUMMY1");

    final String tomlType;
    final String urlPrefix;
    final String driver;
    final String validationQuery;

    DbType(String tomlType, String urlPrefix, String driver, String validationQuery) {
        this.tomlType = tomlType;
        this.urlPrefix = urlPrefix;
        this.driver = driver;
        this.validationQuery = validationQuery;
    }

    static Optional<DbType> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        for (DbType t : values()) {
            if (url.regionMatches(true, 0, t.urlPrefix, 0, t.urlPrefix.length())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
