package io.github.apimupgrade.core.steps.resources.log4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries the user's own Log4j 1.x loggers and appenders (those not in the stock 2.6.0 file, see
 * {@link StockLog4j260}) into a 4.x {@code log4j2.properties}, following the conversion table of
 * config-mapping.md 6.2. The target file is edited in place: new definitions are appended at its end, their ids
 * appended to its {@code appenders} / {@code loggers} lists, and a stock logger whose level the user changed gets
 * its existing 4.x id's level edited. Every other line stays byte-identical. Running it on its own output changes
 * nothing. What cannot be translated is returned as a manual action.
 */
public final class Log4jConverter {

    /** Something the operator has to carry over by hand. */
    public record Manual(String what, String how) {
    }

    /**
     * @param text     the new log4j2.properties text
     * @param changes  one line per change made
     * @param notes    facts (stock content skipped, unused appenders)
     * @param warnings things lost in translation
     * @param manual   what must be done by hand
     */
    public record Result(String text, List<String> changes, List<String> notes, List<String> warnings, List<Manual> manual) {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    private static final Set<String> LEVELS = Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");
    private static final Pattern APPENDER_NAME = Pattern.compile("appender\\.([^.]+)\\.name");
    private static final Pattern LOGGER_NAME = Pattern.compile("logger\\.([^.]+)\\.name");
    private static final Pattern VAR = Pattern.compile("\\$\\{([^}:]+)}");
    static final String HEADER = "# Added by apim-upgrade: custom appenders and loggers of the old log4j.properties";
    /**
     * The loggers whose INFO lines in wso2carbon.log the server supervision reads (LogClassifier's proofs that a
     * migration client ran and finished, "WSO2 Carbon started"): a carried level or threshold must not hide them
     * (issue 15), or every supervised run would wait for its timeout or be judged "client did not run".
     */
    static final List<String> SUPERVISED = List.of("org.wso2.carbon.is.migration", "org.wso2.carbon.apimgt.migration",
            "org.wso2.carbon.core.internal.StartupFinalizerServiceComponent",
            "org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent");
    /** Levels that drop INFO. */
    private static final Set<String> HIDE_INFO = Set.of("WARN", "ERROR", "FATAL", "OFF");
    /** The 4.x appender that writes wso2carbon.log, the file the supervision follows. */
    static final String LOG_FILE_APPENDER = "CARBON_LOGFILE";

    private final Log4j1Config old;
    private final PropertiesLines out;
    private final List<String> block = new ArrayList<>();
    private final Map<String, String> plannedAppenders = new LinkedHashMap<>(); // name -> id
    private final Map<String, String> plannedLoggers = new LinkedHashMap<>(); // name -> id
    private final Set<String> plannedLoggerIds = new HashSet<>();
    private final Set<String> listAppenders = new LinkedHashSet<>();
    private final Set<String> listLoggers = new LinkedHashSet<>();
    private final Map<String, String> converted = new LinkedHashMap<>(); // old appender id -> name, or "" when not translatable
    private final List<String> changes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Manual> manual = new ArrayList<>();

    // Indexes of the target file, built once: every look-up below is O(1), so the conversion is linear in the
    // number of loggers (scanning the file per logger was quadratic: 50,000 loggers did not finish in 21 min).
    private final Map<String, String> appenderIdsByName = new HashMap<>();
    private final Map<String, String> loggerIdsByName = new HashMap<>();
    private final Set<String> refs = new HashSet<>(); // "<prefix>\n<name>" of every appenderRef, in the file or planned
    private final Map<String, Set<String>> listed = new HashMap<>(); // "appenders"/"loggers" -> ids listed in the file

    private Log4jConverter(String log4j1, String log4j2) {
        this.old = Log4j1Config.parse(log4j1);
        this.out = new PropertiesLines(log4j2);
        for (PropertiesLines.Entry e : out.entries().values()) {
            String key = e.key();
            Matcher m;
            if ((m = APPENDER_NAME.matcher(key)).matches()) {
                appenderIdsByName.putIfAbsent(e.value(), m.group(1));
            } else if ((m = LOGGER_NAME.matcher(key)).matches()) {
                loggerIdsByName.putIfAbsent(e.value(), m.group(1));
            } else if (key.endsWith(".ref")) {
                int at = key.indexOf(".appenderRef.");
                if (at >= 0) {
                    refs.add(key.substring(0, at + ".appenderRef.".length()) + "\n" + e.value());
                }
            }
        }
        for (String key : List.of("appenders", "loggers")) {
            Set<String> ids = new HashSet<>();
            if (out.has(key)) {
                for (String s : out.value(key).split(",")) {
                    ids.add(s.trim());
                }
            }
            listed.put(key, ids);
        }
    }

    /** Converts {@code log4j1} (old log4j.properties) into edits of {@code log4j2} (new log4j2.properties). */
    public static Result convert(String log4j1, String log4j2) {
        return new Log4jConverter(log4j1, log4j2).run();
    }

    private Result run() {
        root();
        stockAppenders();
        for (Log4j1Config.Logger l : old.loggers().values()) {
            logger(l);
        }
        for (String id : old.appenders().keySet()) {
            if (!StockLog4j260.isStockAppender(id) && !converted.containsKey(id)) {
                notes.add("log4j.properties appender " + id + " is not used by any logger: not carried over");
            }
        }
        if (!block.isEmpty()) {
            List<String> add = new ArrayList<>();
            if (!out.render().contains(HEADER)) {
                if (!out.endsWithBlankLine()) {
                    add.add("");
                }
                add.add(HEADER);
            }
            add.addAll(block);
            out.appendLines(add);
        }
        keepSupervisedLoggersAtInfo();
        out.appendToList("appenders", listAppenders);
        out.appendToList("loggers", listLoggers);
        if (changes.isEmpty()) {
            notes.add("log4j.properties has no custom logger, appender or level that log4j2.properties lacks");
        }
        return new Result(out.render(), List.copyOf(changes), List.copyOf(notes), List.copyOf(warnings), List.copyOf(manual));
    }

    /**
     * Stock appenders the user changed: a changed threshold edits the 4.x appender's ThresholdFilter level; a moved
     * log file is a manual action (the 4.x file name and its rollover pattern go together).
     */
    private void stockAppenders() {
        for (Log4j1Config.Appender a : old.appenders().values()) {
            var stock = StockLog4j260.appender(a.id());
            if (stock.isEmpty() || stock.get().newName().isEmpty()) {
                continue;
            }
            String id = appenderId(stock.get().newName());
            if (id == null) {
                continue;
            }
            String threshold = trim(a.property("threshold"));
            if (threshold != null && id.equals(LOG_FILE_APPENDER) && HIDE_INFO.contains(threshold.toUpperCase(Locale.ROOT))) {
                warnings.add("the threshold " + threshold.toUpperCase(Locale.ROOT) + " of " + a.id() + " would hide the INFO lines of "
                        + "wso2carbon.log that the upgrade's server runs are judged by: not carried over");
                manual.add(new Manual("After the upgrade, raise the threshold of " + id + " to " + threshold.toUpperCase(Locale.ROOT)
                        + " if you still want it (log4j.properties had it)", "set appender." + id + ".filter.threshold.type = "
                        + "ThresholdFilter and appender." + id + ".filter.threshold.level = " + threshold.toUpperCase(Locale.ROOT)));
                threshold = null;
            }
            if (threshold != null && LEVELS.contains(threshold.toUpperCase(Locale.ROOT))
                    && !threshold.equalsIgnoreCase(stock.get().threshold())) {
                String level = threshold.toUpperCase(Locale.ROOT);
                String key = "appender." + id + ".filter.threshold.level";
                if (!level.equalsIgnoreCase(out.value(key))) {
                    if (!out.has(key) && !out.has("appender." + id + ".filter.threshold.type")) {
                        block.add("appender." + id + ".filter.threshold.type = ThresholdFilter");
                    }
                    setOrAdd(key, level);
                    changes.add("appender " + id + " threshold set to " + level);
                }
            }
            String file = trim(a.property("File"));
            if (file != null && stock.get().file() != null && !fileName(file).equals(stock.get().file())
                    && !fileName(file).equals(out.value("appender." + id + ".fileName"))) {
                manual.add(new Manual("The stock appender " + a.id() + " wrote to " + file + " in log4j.properties; move the 4.x appender "
                        + id + " there too if you still need that location",
                        "set appender." + id + ".fileName = " + fileName(file) + " and a matching appender." + id + ".filePattern"));
            }
        }
    }

    private void root() {
        Log4j1Config.Logger root = old.root();
        if (root == null) {
            return;
        }
        String level = level(root.level(), "the root logger");
        if (level != null && !level.equals(StockLog4j260.ROOT_LEVEL) && !level.equalsIgnoreCase(out.value("rootLogger.level"))) {
            setOrAdd("rootLogger.level", level);
            changes.add("root logger level set to " + level);
        }
        for (String a : root.appenders()) {
            if (StockLog4j260.ROOT_APPENDERS.contains(a)) {
                continue;
            }
            String name = ref(a, "the root logger");
            if (name != null && !refersTo("rootLogger.appenderRef.", name)) {
                addRef("rootLogger.appenderRef.", name);
                changes.add("root logger now also logs to " + name);
            }
        }
    }

    private void logger(Log4j1Config.Logger l) {
        var stock = StockLog4j260.logger(l.name());
        List<String> custom = l.appenders().stream()
                .filter(a -> stock.isEmpty() || !stock.get().appenders().contains(a)).toList();
        String level = level(l.level(), "logger " + l.name());
        if (level != null && HIDE_INFO.contains(level) && supervised(l.name())) {
            warnings.add("logger " + l.name() + " at " + level + " would hide the INFO lines the upgrade's server runs are "
                    + "judged by: carried over at INFO");
            manual.add(new Manual("After the upgrade, set the logger " + l.name() + " back to " + level + " if you still want it",
                    "edit its level in log4j2.properties"));
            level = "INFO";
        }
        boolean levelChanged = level != null && (stock.isEmpty() || !level.equalsIgnoreCase(stock.get().level()));
        boolean nonAdditive = Boolean.FALSE.equals(l.additivity())
                && (stock.isEmpty() || stock.get().additive());
        if (stock.isPresent() && !levelChanged && custom.isEmpty() && !nonAdditive) {
            return;
        }
        List<String> refs = new ArrayList<>();
        for (String a : custom) {
            String name = ref(a, "logger " + l.name());
            if (name != null) {
                refs.add(name);
            }
        }
        String id = loggerId(l.name());
        if (id == null) {
            id = newLoggerId(l.name());
            plannedLoggers.put(l.name(), id);
            plannedLoggerIds.add(id);
            block.add("logger." + id + ".name = " + l.name());
            if (level != null) {
                block.add("logger." + id + ".level = " + level);
            }
            if (Boolean.FALSE.equals(l.additivity())) {
                block.add("logger." + id + ".additivity = false");
            }
            for (String r : refs) {
                addRef("logger." + id + ".appenderRef.", r);
            }
            listLogger(id);
            changes.add("logger " + l.name() + " added as " + id + (level == null ? "" : " (" + level + ")"));
            return;
        }
        listLogger(id);
        if (levelChanged && !level.equalsIgnoreCase(out.value("logger." + id + ".level"))) {
            setOrAdd("logger." + id + ".level", level);
            changes.add("logger " + l.name() + " (" + id + ") level set to " + level);
        }
        if (nonAdditive && !"false".equalsIgnoreCase(out.value("logger." + id + ".additivity"))) {
            setOrAdd("logger." + id + ".additivity", "false");
            changes.add("logger " + l.name() + " (" + id + ") made non-additive");
        }
        for (String r : refs) {
            if (!refersTo("logger." + id + ".appenderRef.", r)) {
                addRef("logger." + id + ".appenderRef.", r);
                changes.add("logger " + l.name() + " (" + id + ") now also logs to " + r);
            }
        }
    }

    /** The logger is one the supervision reads, or below one. */
    private static boolean supervised(String name) {
        return SUPERVISED.stream().anyMatch(sv -> name.equals(sv) || name.startsWith(sv + "."));
    }

    /**
     * After the conversion, each supervised logger's effective level (its own, else its nearest configured ancestor's,
     * else the root's) must let INFO through: where a carried level (the root at WARN, org.wso2.carbon at ERROR)
     * would hide it, the logger is added at INFO, so the server runs keep the lines and the plan says why.
     */
    private void keepSupervisedLoggersAtInfo() {
        Map<String, String> levelByName = new HashMap<>();
        for (PropertiesLines.Entry e : out.entries().values()) {
            Matcher m = LOGGER_NAME.matcher(e.key());
            if (m.matches()) {
                String level = out.value("logger." + m.group(1) + ".level");
                if (level != null && !level.isBlank()) {
                    levelByName.putIfAbsent(e.value(), level.trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        String root = out.value("rootLogger.level");
        List<String> add = new ArrayList<>();
        for (String sv : SUPERVISED) {
            String from = null;
            String level = null;
            for (String n = sv; n != null; n = n.lastIndexOf('.') < 0 ? null : n.substring(0, n.lastIndexOf('.'))) {
                if (levelByName.containsKey(n)) {
                    from = "logger " + n;
                    level = levelByName.get(n);
                    break;
                }
            }
            if (level == null && root != null) {
                from = "the root logger";
                level = root.trim().toUpperCase(Locale.ROOT);
            }
            if (level == null || !HIDE_INFO.contains(level)) {
                continue;
            }
            String id = newLoggerId(sv);
            plannedLoggers.put(sv, id);
            plannedLoggerIds.add(id);
            add.add("logger." + id + ".name = " + sv);
            add.add("logger." + id + ".level = INFO");
            listLogger(id);
            changes.add("logger " + sv + " added as " + id + " (INFO): " + from + " at " + level + " would hide its INFO lines");
            warnings.add(from + " at " + level + " would hide the INFO lines of " + sv + " that the upgrade's server runs are "
                    + "judged by: " + sv + " is kept at INFO");
        }
        if (!add.isEmpty()) {
            if (!out.render().contains(HEADER)) {
                add.add(0, HEADER);
                if (!out.endsWithBlankLine()) {
                    add.add(0, "");
                }
            }
            out.appendLines(add);
        }
    }

    /** The 4.x appender name a logger refers to for old appender {@code id}; null when there is none (reported). */
    private String ref(String id, String who) {
        if (StockLog4j260.isStockAppender(id)) {
            var name = StockLog4j260.appenderIn410(id);
            if (name.isEmpty()) {
                warnings.add(who + " referred to the 2.6.0 appender " + id + ", which has no 4.x equivalent (memory, event or"
                        + " analytics appender): dropped");
                return null;
            }
            String newId = appenderId(name.get());
            if (newId == null) {
                manual.add(new Manual("Define the appender " + name.get() + " in log4j2.properties (" + who + " logs to it)",
                        "add appender." + name.get() + ".* lines and list it in appenders"));
                return null;
            }
            listAppender(newId);
            return name.get();
        }
        return convertAppender(id, who);
    }

    private String convertAppender(String id, String who) {
        String done = converted.get(id);
        if (done != null) {
            return done.isEmpty() ? null : done;
        }
        Log4j1Config.Appender a = old.appenders().get(id);
        if (a == null) {
            warnings.add(who + " refers to appender " + id + ", which log4j.properties does not define: dropped");
            converted.put(id, "");
            return null;
        }
        String existing = appenderId(id);
        if (existing != null) {
            listAppender(existing);
            converted.put(id, id);
            return id;
        }
        List<String> lines = new ArrayList<>();
        String problem = translate(a, lines);
        if (problem != null) {
            converted.put(id, "");
            manual.add(new Manual("Carry over the log4j appender " + id + " (" + a.className() + ") by hand: " + problem,
                    "define an equivalent Log4j 2 appender in log4j2.properties, list it in appenders and reference it from " + who));
            return null;
        }
        block.addAll(lines);
        plannedAppenders.put(id, id);
        listAppender(id);
        converted.put(id, id);
        changes.add("appender " + id + " (" + simpleName(a.className()) + ") added");
        return id;
    }

    /** Appends the Log4j 2 lines for {@code a}; returns why it cannot be translated, or null. */
    private String translate(Log4j1Config.Appender a, List<String> lines) {
        String p = "appender." + a.id() + ".";
        String cls = simpleName(a.className());
        String type;
        switch (cls) {
            case "ConsoleAppender", "CarbonConsoleAppender" -> type = "Console";
            case "DailyRollingFileAppender", "CarbonDailyRollingFileAppender" -> type = "RollingFile:time";
            case "RollingFileAppender" -> type = "RollingFile:size";
            case "FileAppender" -> type = "File";
            case "SyslogAppender" -> type = "Syslog";
            default -> {
                return "no Log4j 2 equivalent is known for " + a.className();
            }
        }
        if (!a.className().startsWith("org.apache.log4j.") && !a.className().startsWith("org.wso2.carbon.utils.logging.appenders.")) {
            return "unknown appender class " + a.className();
        }
        String layout = layoutPattern(a);
        if (layout == null) {
            return "layout " + a.property("layout") + " has no Log4j 2 properties equivalent";
        }
        Set<String> used = new LinkedHashSet<>(List.of("layout", "layout.ConversionPattern", "layout.TenantPattern", "threshold"));
        String file = a.property("File");
        if (type.startsWith("RollingFile") || type.equals("File")) {
            if (file == null || file.isBlank()) {
                return "it has no File";
            }
        }
        lines.add(p + "type = " + (type.startsWith("RollingFile") ? "RollingFile" : type));
        lines.add(p + "name = " + a.id());
        switch (type) {
            case "Console" -> {
                used.add("Target");
                if ("System.err".equalsIgnoreCase(trim(a.property("Target")))) {
                    lines.add(p + "target = SYSTEM_ERR");
                }
            }
            case "Syslog" -> {
                used.addAll(List.of("SyslogHost", "Facility"));
                String host = trim(a.property("SyslogHost"));
                host = host == null ? "localhost" : host;
                int colon = host.lastIndexOf(':');
                lines.add(p + "host = " + (colon > 0 ? host.substring(0, colon) : host));
                lines.add(p + "port = " + (colon > 0 ? host.substring(colon + 1) : "514"));
                lines.add(p + "protocol = UDP"); // Log4j 1 SyslogAppender sent UDP datagrams
                if (a.property("Facility") != null) {
                    lines.add(p + "facility = " + a.property("Facility").trim().toUpperCase(Locale.ROOT));
                }
            }
            default -> {
                used.addAll(List.of("File", "Append", "MaxFileSize", "MaxBackupIndex", "DatePattern", "ImmediateFlush", "BufferedIO",
                        "BufferSize"));
                String fileName = fileName(file);
                lines.add(p + "fileName = " + fileName);
                if (type.equals("RollingFile:time")) {
                    lines.add(p + "filePattern = " + filePattern(fileName, "%d{" + datePattern(a.property("DatePattern")) + "}"));
                } else if (type.equals("RollingFile:size")) {
                    lines.add(p + "filePattern = " + filePattern(fileName, "%i"));
                }
                if ("false".equalsIgnoreCase(trim(a.property("Append")))) {
                    lines.add(p + "append = false");
                }
                if (a.property("ImmediateFlush") != null) {
                    lines.add(p + "immediateFlush = " + a.property("ImmediateFlush").trim());
                }
                if (a.property("BufferedIO") != null) {
                    lines.add(p + "bufferedIo = " + a.property("BufferedIO").trim());
                }
                if (a.property("BufferSize") != null) {
                    lines.add(p + "bufferSize = " + a.property("BufferSize").trim());
                }
            }
        }
        used.add("Encoding");
        lines.add(p + "layout.type = PatternLayout");
        lines.add(p + "layout.pattern = " + layout);
        if (a.property("Encoding") != null) {
            lines.add(p + "layout.charset = " + a.property("Encoding").trim());
        }
        if (type.equals("RollingFile:time")) {
            lines.add(p + "policies.type = Policies");
            lines.add(p + "policies.time.type = TimeBasedTriggeringPolicy");
            lines.add(p + "policies.time.interval = 1");
            lines.add(p + "policies.time.modulate = true");
            lines.add(p + "strategy.type = DefaultRolloverStrategy");
            lines.add(p + "strategy.max = 20");
        } else if (type.equals("RollingFile:size")) {
            String size = trim(a.property("MaxFileSize"));
            String max = trim(a.property("MaxBackupIndex"));
            lines.add(p + "policies.type = Policies");
            lines.add(p + "policies.size.type = SizeBasedTriggeringPolicy");
            lines.add(p + "policies.size.size = " + (size == null ? "10MB" : size));
            lines.add(p + "strategy.type = DefaultRolloverStrategy");
            lines.add(p + "strategy.max = " + (max == null ? "1" : max));
        }
        String threshold = trim(a.property("threshold"));
        if (threshold != null) {
            lines.add(p + "filter.threshold.type = ThresholdFilter");
            lines.add(p + "filter.threshold.level = " + threshold.toUpperCase(Locale.ROOT));
        }
        if (a.property("layout.TenantPattern") != null) {
            notes.add("appender " + a.id() + ": layout.TenantPattern has no Log4j 2 equivalent (the pattern uses %tenantId/%tenantDomain)");
        }
        List<String> dropped = a.properties().keySet().stream()
                .filter(k -> used.stream().noneMatch(u -> u.equalsIgnoreCase(k))).toList();
        if (!dropped.isEmpty()) {
            warnings.add("appender " + a.id() + ": properties not carried over: " + String.join(", ", dropped));
        }
        return null;
    }

    /** The Log4j 2 pattern for the appender's layout; null when the layout cannot be expressed as a PatternLayout. */
    private static String layoutPattern(Log4j1Config.Appender a) {
        String layout = trim(a.property("layout"));
        String pattern = a.property("layout.ConversionPattern");
        if (layout == null) {
            return pattern != null ? pattern : "%m%n";
        }
        String simple = simpleName(layout);
        return switch (simple) {
            case "PatternLayout", "EnhancedPatternLayout" -> pattern != null ? pattern : "%m%n";
            case "TenantAwarePatternLayout" -> tenantAwarePattern(pattern != null ? pattern : "%m%n");
            case "SimpleLayout" -> "%p - %m%n";
            case "TTCCLayout" -> "%r [%t] %p %c %x - %m%n";
            default -> null;
        };
    }

    /**
     * WSO2's TenantAwarePatternLayout conversions in Log4j 2 terms: %T -> %tenantId, %D -> %tenantDomain, %A -> %appName;
     * %S %U %H %I %P %@ %K have no 4.x converter and are dropped (with the brackets around them, "[%S] ").
     */
    static String tenantAwarePattern(String pattern) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '%') {
                sb.append("%%");
                i += 2;
                continue;
            }
            int j = i + 1;
            while (j < pattern.length() && (pattern.charAt(j) == '-' || pattern.charAt(j) == '.' || Character.isDigit(pattern.charAt(j)))) {
                j++;
            }
            if (j >= pattern.length()) {
                sb.append(pattern, i, j);
                break;
            }
            char conv = pattern.charAt(j);
            String modifier = pattern.substring(i + 1, j);
            int end = j + 1;
            if (end < pattern.length() && pattern.charAt(end) == '{') {
                int close = pattern.indexOf('}', end);
                end = close < 0 ? pattern.length() : close + 1;
            }
            switch (conv) {
                case 'T' -> sb.append('%').append(modifier).append("tenantId");
                case 'D' -> sb.append('%').append(modifier).append("tenantDomain");
                case 'A' -> sb.append('%').append(modifier).append("appName");
                case 'S', 'U', 'H', 'I', 'P', '@', 'K' -> {
                    boolean bracketed = sb.length() > 0 && sb.charAt(sb.length() - 1) == '['
                            && end < pattern.length() && pattern.charAt(end) == ']';
                    if (bracketed) {
                        sb.setLength(sb.length() - 1);
                        end++;
                        if (end < pattern.length() && pattern.charAt(end) == ' ') {
                            end++;
                        }
                    }
                }
                default -> sb.append(pattern, i, end);
            }
            i = end;
        }
        return sb.toString();
    }

    /** ${carbon.home} -> ${sys:carbon.home}; ${instance.log} removed; a relative path is made relative to carbon.home. */
    static String fileName(String file) {
        String f = file.trim().replace("${instance.log}", "");
        f = VAR.matcher(f).replaceAll(m -> Matcher.quoteReplacement("${sys:" + m.group(1) + "}"));
        f = f.replaceAll("(?<!:)/{2,}", "/");
        if (!f.startsWith("/") && !f.startsWith("${") && !f.matches("^[A-Za-z]:[\\\\/].*")) {
            f = "${sys:carbon.home}/" + f;
        }
        return f;
    }

    /** "dir/x.log" + "%i" -> "dir/x-%i.log". */
    static String filePattern(String fileName, String counter) {
        int slash = fileName.lastIndexOf('/');
        int dot = fileName.lastIndexOf('.');
        if (dot > slash + 1 && !fileName.substring(dot).contains("}")) {
            return fileName.substring(0, dot) + "-" + counter + fileName.substring(dot);
        }
        return fileName + "-" + counter;
    }

    /** Log4j 1 DatePattern "'.'yyyy-MM-dd" -> "yyyy-MM-dd"; the 4.x default MM-dd-yyyy without one. */
    private static String datePattern(String datePattern) {
        if (datePattern == null || datePattern.isBlank()) {
            return "MM-dd-yyyy";
        }
        String p = datePattern.trim().replaceAll("'[^']*'", "");
        return p.isBlank() ? "MM-dd-yyyy" : p;
    }

    private String level(String level, String who) {
        if (level == null) {
            return null;
        }
        String l = level.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            manual.add(new Manual("Set the level of " + who + " by hand: " + level + " is not a standard level",
                    "edit its level in log4j2.properties"));
            return null;
        }
        return l;
    }

    private void setOrAdd(String key, String value) {
        if (out.has(key)) {
            out.set(key, value);
        } else {
            block.add(key + " = " + value);
        }
    }

    /** True when some {@code <prefix><x>.ref} entry (in the file or planned) already refers to {@code name}. */
    private boolean refersTo(String prefix, String name) {
        return refs.contains(prefix + "\n" + name);
    }

    /** Plans {@code <prefix><name>.ref = <name>}. */
    private void addRef(String prefix, String name) {
        block.add(prefix + name + ".ref = " + name);
        refs.add(prefix + "\n" + name);
    }

    private String appenderId(String name) {
        String id = appenderIdsByName.get(name);
        return id != null ? id : plannedAppenders.get(name);
    }

    private String loggerId(String name) {
        String id = loggerIdsByName.get(name);
        return id != null ? id : plannedLoggers.get(name);
    }

    private String newLoggerId(String name) {
        String base = name.replaceAll("[^A-Za-z0-9_-]", "-");
        String id = base;
        int n = 2;
        while (out.has("logger." + id + ".name") || plannedLoggerIds.contains(id)) {
            id = base + "-" + n++;
        }
        return id;
    }

    private void listAppender(String id) {
        if (out.has("appenders") && !listed("appenders", id)) {
            listAppenders.add(id);
        }
    }

    private void listLogger(String id) {
        if (out.has("loggers") && !listed("loggers", id)) {
            listLoggers.add(id);
        }
    }

    private boolean listed(String key, String id) {
        return listed.get(key).contains(id);
    }

    private static String simpleName(String className) {
        String c = className == null ? "" : className.trim();
        return c.substring(c.lastIndexOf('.') + 1);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
