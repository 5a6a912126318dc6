package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.event.Redactor;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What went wrong on the first contact with a database, in the operator's terms: unknown host, refused port, no
 * answer, login refused, no such database, missing driver. Each message names the datasource and the URL (password
 * redacted, never the password itself) and the hint names the fix.
 */
enum ConnectFailure {
    NO_DRIVER, UNKNOWN_HOST, REFUSED, NO_ANSWER, LOGIN_REFUSED, NO_DATABASE, OTHER;

    static ConnectFailure of(Throwable e) {
        String all = messages(e).toLowerCase(Locale.ROOT);
        if (has(e, UnknownHostException.class) || all.contains("unknownhostexception") || all.contains("unknown host")) {
            return UNKNOWN_HOST;
        }
        if (has(e, ConnectException.class) || all.contains("connection refused") || all.contains("ora-12541")) {
            return REFUSED;
        }
        if (has(e, SocketTimeoutException.class) || has(e, NoRouteToHostException.class) || all.contains("connect timed out")
                || all.contains("ora-12170")) {
            return NO_ANSWER;
        }
        SQLException sql = first(e);
        if (sql != null && isAuthentication(sql)) {
            return LOGIN_REFUSED;
        }
        if (sql != null && isMissingDatabase(sql)) {
            return NO_DATABASE;
        }
        if (all.contains("no suitable driver") || all.contains("classnotfoundexception") || all.contains("failed to get driver")) {
            return NO_DRIVER;
        }
        return OTHER;
    }

    /**
     * Login refused: SQLSTATE class 28 (PostgreSQL 28P01/28000, MySQL/MariaDB 28000 error 1045, DB2 -4214), Oracle
     * ORA-01017, SQL Server 18456.
     */
    static boolean isAuthentication(SQLException e) {
        for (SQLException c = e; c != null; c = c.getCause() instanceof SQLException n && n != c ? n : null) {
            String state = c.getSQLState() == null ? "" : c.getSQLState();
            int code = c.getErrorCode();
            if (state.startsWith("28") || code == 1045 || code == 1017 || code == 18456 || code == -4214) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL 3D000, MySQL/MariaDB 1049, SQL Server 4060, Oracle ORA-12514/12505 (unknown service or SID), DB2 SQL1013N, H2 90146. */
    static boolean isMissingDatabase(SQLException e) {
        for (SQLException c = e; c != null; c = c.getCause() instanceof SQLException n && n != c ? n : null) {
            String state = c.getSQLState() == null ? "" : c.getSQLState();
            int code = c.getErrorCode();
            String msg = String.valueOf(c.getMessage());
            if (state.equals("3D000") || code == 1049 || code == 90146 || code == 4060 || code == 12514 || code == 12505 || code == -1013
                    || msg.contains("ORA-12514") || msg.contains("ORA-12505") || msg.contains("SQL1013N")) {
                return true;
            }
        }
        return false;
    }

    UpgradeException toException(String label, Datasource ds, Redactor redactor, Throwable e) {
        String url = redactor.redact(ds.url());
        String detail = redactor.redact(messages(e));
        String where = label + " (" + url + ")";
        String user = ds.username() == null || ds.username().isBlank() ? "(no user)" : "'" + ds.username() + "'";
        String credentialsHint = "Check the user and password of " + ds.name() + ": a <datasource> with <serverId> in "
                + "settings.xml, the environment variable APIM_UPGRADE_<ROLE>_PASSWORD, or the old home's datasource. "
                + "apim-upgrade tried once and will not retry (repeated failed logins lock accounts).";
        return switch (this) {
            case NO_DRIVER -> UpgradeException.user(ErrorCode.DRIVER_MISSING, "No JDBC driver for " + where + ".", ds.origin(),
                    "Add the driver as a dependency of apim-upgrade-maven-plugin in your POM, e.g. "
                            + DriverHints.artifactFor(ds.url()) + ".", e);
            case UNKNOWN_HOST -> UpgradeException.user(ErrorCode.DATASOURCE_UNREACHABLE, "Cannot connect to " + where
                            + ": unknown host (the name does not resolve). " + detail, ds.origin(),
                    "Fix the host name in the URL (or override it: <datasources><datasource><url>), or run where the "
                            + "database's name resolves (DNS, /etc/hosts).", e);
            case REFUSED -> UpgradeException.user(ErrorCode.DATASOURCE_UNREACHABLE, "Cannot connect to " + where
                            + ": connection refused (the host answers, nothing listens on that port). " + detail, ds.origin(),
                    "Check the port in the URL and that the database server is running and accepts TCP connections.", e);
            case NO_ANSWER -> UpgradeException.user(ErrorCode.DATASOURCE_UNREACHABLE, "Cannot connect to " + where
                            + ": no answer within " + ConnectionFactory.CONNECT_TIMEOUT_SECONDS + " s. " + detail, ds.origin(),
                    "Check the host and port, and that no firewall drops the connection from this machine.", e);
            case LOGIN_REFUSED -> UpgradeException.user(ErrorCode.CREDENTIALS, "The database refused the login of user "
                    + user + " to " + where + " (wrong password or user, or the user may not connect from here). "
                    + detail, ds.origin(), credentialsHint, e);
            case NO_DATABASE -> UpgradeException.user(ErrorCode.DATASOURCE_UNREACHABLE, "Cannot connect to " + where
                            + ": the server has no such database (or service name / SID). " + detail, ds.origin(),
                    "Check the database name in the URL; the upgrade runs on the existing databases of the old "
                            + "installation and never creates them.", e);
            case OTHER -> UpgradeException.user(ErrorCode.DATASOURCE_UNREACHABLE, "Cannot connect to " + where + ": "
                            + detail, ds.origin(),
                    "Check the URL, user and password (apim.upgrade datasource overrides, settings.xml server or environment) and that the database is up.", e);
        };
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static SQLException first(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** The messages of the cause chain, each once: "first (second; third)". */
    static String messages(Throwable e) {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (all.stream().noneMatch(x -> x.contains(m))) {
                all.add(m);
            }
        }
        return all.size() == 1 ? all.get(0) : all.get(0) + " (" + String.join("; ", all.subList(1, all.size())) + ")";
    }
}
