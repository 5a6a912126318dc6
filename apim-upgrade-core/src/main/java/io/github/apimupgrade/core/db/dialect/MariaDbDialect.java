package io.github.apimupgrade.core.db.dialect;

import java.util.Optional;

/**
 * MariaDB: MySQL's client syntax and SQL, plus sequences (10.3+, listed in INFORMATION_SCHEMA.TABLES with
 * TABLE_TYPE 'SEQUENCE'). A MariaDB server may report its product name as "MySQL" (older drivers, or the MySQL
 * driver); its version string still says "MariaDB", which is what detection relies on.
 */
public class MariaDbDialect extends MySqlDialect {

    @Override
    boolean handles(String productName, String productVersion, String url) {
        return productName.contains("mariadb") || (productName.contains("mysql") && productVersion.contains("mariadb"));
    }

    @Override
    public String id() {
        return "mariadb";
    }

    @Override
    public Optional<String> existsSql(ObjectKind kind) {
        if (kind == ObjectKind.SEQUENCE) {
            return Optional.of("SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_TYPE = 'SEQUENCE' AND UPPER(TABLE_NAME) = ?");
        }
        return super.existsSql(kind);
    }

    /** MariaDB has no @@server_uuid: host, port and data directory name the server instance. */
    @Override
    public Optional<String> serverIdSql() {
        return Optional.of("SELECT CONCAT('mariadb:', @@hostname, ':', @@port, ':', @@datadir)");
    }
}
