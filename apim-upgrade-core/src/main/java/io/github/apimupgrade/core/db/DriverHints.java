package io.github.apimupgrade.core.db;

import java.util.Locale;

/** Which Maven artifact provides the JDBC driver for a URL: named in "driver missing" errors. */
final class DriverHints {
    private DriverHints() {
    }

    static String artifactFor(String url) {
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) return "org.postgresql:postgresql";
        if (u.startsWith("jdbc:mariadb:")) return "org.mariadb.jdbc:mariadb-java-client";
        if (u.startsWith("jdbc:mysql:")) return "com.mysql:mysql-connector-j";
        if (u.startsWith("jdbc:oracle:")) return "com.oracle.database.jdbc:ojdbc11";
        if (u.startsWith("jdbc:sqlserver:")) return "com.microsoft.sqlserver:mssql-jdbc";
        if (u.startsWith("jdbc:db2:")) return "com.ibm.db2:jcc";
        if (u.startsWith("jdbc:h2:")) return "com.h2database:h2";
        return "the vendor's JDBC driver";
    }
}
