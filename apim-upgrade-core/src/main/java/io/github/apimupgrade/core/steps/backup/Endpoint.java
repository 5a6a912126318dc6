package io.github.apimupgrade.core.steps.backup;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Host, port and database of a {@code jdbc:postgresql://}, {@code jdbc:mysql://} or {@code jdbc:mariadb://} URL:
 * what the vendor tools take as arguments. Multi-host and socket URLs are not parsed (the JDBC export is used).
 *
 * @param params the URL's query parameters (sslmode, ...), some of which the tools take through the environment
 */
public record Endpoint(String host, int port, String database, Map<String, String> params) {

    public static Optional<Endpoint> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        int defaultPort;
        String rest;
        if (url.startsWith("jdbc:postgresql://")) {
            defaultPort = 5432;
            rest = url.substring("jdbc:postgresql://".length());
        } else if (url.startsWith("jdbc:mysql://") || url.startsWith("jdbc:mariadb://")) {
            defaultPort = 3306;
            rest = url.substring(url.indexOf("//") + 2);
        } else {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String hostPort = rest.substring(0, slash);
        String tail = rest.substring(slash + 1);
        if (hostPort.isEmpty() || hostPort.contains(",") || hostPort.contains("(") || hostPort.contains("@")) {
            return Optional.empty();
        }
        String query = "";
        int q = tail.indexOf('?');
        if (q >= 0) {
            query = tail.substring(q + 1);
            tail = tail.substring(0, q);
        }
        if (tail.isEmpty()) {
            return Optional.empty();
        }
        String host = hostPort;
        int port = defaultPort;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            host = hostPort.substring(0, colon);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : query.split("[&;]")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                params.put(kv.substring(0, eq).toLowerCase(Locale.ROOT), kv.substring(eq + 1));
            }
        }
        return Optional.of(new Endpoint(host, port, tail, Map.copyOf(params)));
    }
}
