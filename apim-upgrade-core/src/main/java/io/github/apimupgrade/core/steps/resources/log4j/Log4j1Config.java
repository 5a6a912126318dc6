package io.github.apimupgrade.core.steps.resources.log4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loggers, appenders and root logger of a Log4j 1.x {@code log4j.properties}, in file order. */
final class Log4j1Config {

    /** {@code log4j.appender.<id>=<class>} and its {@code log4j.appender.<id>.<property>} values (keys relative). */
    record Appender(String id, String className, Map<String, String> properties) {
        String property(String name) {
            for (Map.Entry<String, String> e : properties.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /** A logger: level (null when inherited), appender ids, additivity (null when not set). */
    record Logger(String name, String level, List<String> appenders, Boolean additivity) {
    }

    private Logger root;
    private final Map<String, Logger> loggers = new LinkedHashMap<>();
    private final Map<String, Appender> appenders = new LinkedHashMap<>();

    static Log4j1Config parse(String text) {
        Log4j1Config c = new Log4j1Config();
        Map<String, Boolean> additivity = new LinkedHashMap<>();
        Map<String, String> appenderClasses = new LinkedHashMap<>();
        Map<String, Map<String, String>> appenderProps = new LinkedHashMap<>();
        for (PropertiesLines.Entry e : new PropertiesLines(text).entries().values()) {
            String key = e.key();
            String value = e.value();
            if (key.equals("log4j.rootLogger") || key.equals("log4j.rootCategory")) {
                c.root = logger("", value);
            } else if (key.startsWith("log4j.logger.") || key.startsWith("log4j.category.")) {
                String name = key.substring(key.indexOf('.', "log4j.".length()) + 1);
                c.loggers.put(name, logger(name, value));
            } else if (key.startsWith("log4j.additivity.")) {
                additivity.put(key.substring("log4j.additivity.".length()), Boolean.parseBoolean(value.trim()));
            } else if (key.startsWith("log4j.appender.")) {
                String rest = key.substring("log4j.appender.".length());
                int dot = rest.indexOf('.');
                if (dot < 0) {
                    appenderClasses.put(rest, value.trim());
                } else {
                    appenderProps.computeIfAbsent(rest.substring(0, dot), k -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), value.trim());
                }
            }
        }
        additivity.forEach((name, add) -> {
            Logger l = c.loggers.get(name);
            c.loggers.put(name, l == null ? new Logger(name, null, List.of(), add) : new Logger(name, l.level(), l.appenders(), add));
        });
        appenderClasses.forEach((id, cls) -> c.appenders.put(id, new Appender(id, cls, appenderProps.getOrDefault(id, Map.of()))));
        return c;
    }

    private static Logger logger(String name, String value) {
        List<String> parts = new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).toList());
        String level = parts.isEmpty() ? null : parts.remove(0);
        if (level != null && (level.isEmpty() || level.equalsIgnoreCase("INHERITED") || level.equalsIgnoreCase("NULL"))) {
            level = null;
        }
        return new Logger(name, level, parts.stream().filter(s -> !s.isEmpty()).toList(), null);
    }

    Logger root() {
        return root;
    }

    Map<String, Logger> loggers() {
        return loggers;
    }

    Map<String, Appender> appenders() {
        return appenders;
    }
}
