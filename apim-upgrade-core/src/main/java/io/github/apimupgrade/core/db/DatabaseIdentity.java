package io.github.apimupgrade.core.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which database a connection really reached, so that the same database configured twice (two roles, two users,
 * {@code localhost} and {@code 127.0.0.1}) is locked and checked once, and two databases on one server are two.
 *
 * @param server   what the server says it is (PostgreSQL system identifier, MySQL server uuid, MariaDB
 *                 host:port:datadir, SQL Server instance, Oracle host:db_unique_name/pdb); when the server cannot tell,
 *                 the URL's host (loopback names and addresses are one host, names resolved to an address) and port
 * @param database the database (catalog) name the session is in
 * @param schema   the schema unqualified names resolve in (the database itself on MySQL/MariaDB)
 * @param fromServer whether {@code server} came from the server (false: the normalised URL host)
 */
public record DatabaseIdentity(String server, String database, String schema, boolean fromServer) {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("postgresql", 5432, "mysql", 3306,
            "mariadb", 3306, "sqlserver", 1433, "oracle", 1521, "db2", 50000);
    private static final Pattern URL_HOST = Pattern.compile(
            "^jdbc:(?:(postgresql|mysql|mariadb|sqlserver|db2):(?:[a-z]+:)*//|(oracle):thin:@(?://)?)"
                    + "(\\[[^\\]]+\\]|[^:/;?,]+)(?::(\\d+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORACLE_DESCRIPTOR = Pattern.compile(
            "\\(HOST\\s*=\\s*([^)\\s]+)\\).*?\\(PORT\\s*=\\s*(\\d+)\\)", Pattern.CASE_INSENSITIVE);

    /** The key databases are deduplicated on. */
    public String key() {
        return server + "|" + database + "|" + schema;
    }

    /** "database am_db (schema am_db) on server mariadb:vm:3306:/var/lib/mysql/" */
    public String describe() {
        String db = database == null || database.isBlank() ? "" : "database " + database;
        String sc = schema == null || schema.isBlank() || schema.equals(database) ? "" : (db.isEmpty() ? "schema " : " (schema ") + schema + (db.isEmpty() ? "" : ")");
        return (db + sc).strip() + " on " + (fromServer ? "server " : "host ") + server;
    }

    /**
     * The server as the URL names it, normalised: host names lower case and resolved (all loopback addresses and
     * names are "loopback"; otherwise the lowest resolved address), the vendor's default port filled in. Unresolvable
     * or unparsable URLs keep their text.
     */
    static String normalisedHost(String url) {
        if (url == null) {
            return "?";
        }
        String host;
        String port;
        String vendor;
        Matcher m = URL_HOST.matcher(url);
        Matcher d = ORACLE_DESCRIPTOR.matcher(url);
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:oracle:") && d.find()) {
            vendor = "oracle";
            host = d.group(1);
            port = d.group(2);
        } else if (m.find()) {
            vendor = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            host = m.group(3);
            port = m.group(4);
        } else {
            return url;
        }
        if (port == null) {
            port = String.valueOf(DEFAULT_PORTS.getOrDefault(vendor, 0));
        }
        return vendor + ":" + canonicalHost(host) + ":" + port;
    }

    static String canonicalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            if (Arrays.stream(all).anyMatch(InetAddress::isLoopbackAddress)) {
                return "loopback";
            }
            return Arrays.stream(all).map(InetAddress::getHostAddress).min(Comparator.naturalOrder()).orElse(h);
        } catch (UnknownHostException | SecurityException e) {
            return h;
        }
    }
}
