package io.github.apimupgrade.core.steps.resources.log4j;

import io.github.apimupgrade.core.config.yaml.StrictYaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stock API-M 2.6.0 {@code log4j.properties} defines (product-apim v2.6.0), read from
 * {@code config/log4j/stock-log4j-2.6.0.yaml} (strict: a malformed resource fails loading, naming it and the key) so that
 * only the user's own loggers and appenders, and the levels they changed, are carried to {@code log4j2.properties}.
 * The 4.1.0 names of the kept stock appenders follow the 4.1.0 file (config-mapping.md 6.2).
 */
public final class StockLog4j260 {

    /** A stock logger: its level and appenders in 2.6.0 and whether it is additive. */
    public record StockLogger(String name, String level, List<String> appenders, boolean additive) {
    }

    /** The resource these tables are read from; its header cites the source. */
    static final String RESOURCE = "io/github/apimupgrade/core/config/log4j/stock-log4j-2.6.0.yaml";

    private static final StrictYaml DATA = StrictYaml.load(RESOURCE).keys("version", "root", "loggers", "appenders");
    private static final StrictYaml ROOT = DATA.map("root").keys("level", "appenders");

    /** The release whose log4j.properties these tables describe. */
    public static final String VERSION = DATA.string("version");
    public static final String ROOT_LEVEL = ROOT.string("level");
    public static final List<String> ROOT_APPENDERS = ROOT.strings("appenders");

    private static final Map<String, StockLogger> LOGGERS = loggers(DATA.maps("loggers"));

    /**
     * A stock appender: the name 4.1.0 uses for it (empty: 4.1.0 has no equivalent: memory and event appenders, the
     * DAS agent, the CEP event trace), its 2.6.0 threshold and log file (as {@link Log4jConverter#fileName} writes
     * it), null when it has none.
     */
    public record StockAppender(String id, String newName, String threshold, String file) {
    }

    private static final Map<String, StockAppender> APPENDERS = appenders(DATA.maps("appenders"));

    private StockLog4j260() {
    }

    public static Optional<StockLogger> logger(String name) {
        return Optional.ofNullable(LOGGERS.get(name));
    }

    public static boolean isStockAppender(String id) {
        return APPENDERS.containsKey(id);
    }

    /** The 4.1.0 appender name of a stock 2.6.0 appender; empty when 4.1.0 dropped it (or it is not stock). */
    public static Optional<String> appenderIn410(String id) {
        StockAppender a = APPENDERS.get(id);
        return a == null || a.newName().isEmpty() ? Optional.empty() : Optional.of(a.newName());
    }

    public static Optional<StockAppender> appender(String id) {
        return Optional.ofNullable(APPENDERS.get(id));
    }

    static Map<String, StockLogger> loggers(List<StrictYaml> rows) {
        Map<String, StockLogger> out = new LinkedHashMap<>();
        for (StrictYaml row : rows) {
            row.keys("name", "level", "appenders", "additive");
            String name = row.string("name");
            if (out.put(name, new StockLogger(name, row.string("level"), row.strings("appenders"),
                    row.bool("additive", true))) != null) {
                throw new IllegalStateException(RESOURCE + ": logger " + name + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    static Map<String, StockAppender> appenders(List<StrictYaml> rows) {
        Map<String, StockAppender> out = new LinkedHashMap<>();
        for (StrictYaml row : rows) {
            row.keys("id", "newName", "threshold", "file");
            String id = row.string("id");
            if (out.put(id, new StockAppender(id, row.string("newName"), row.optString("threshold"),
                    row.optString("file"))) != null) {
                throw new IllegalStateException(RESOURCE + ": appender " + id + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
