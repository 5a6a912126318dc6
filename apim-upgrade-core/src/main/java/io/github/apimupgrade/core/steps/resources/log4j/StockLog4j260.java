package io.github.apimupgrade.core.steps.resources.log4j;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stock API-M 2.6.0 {@code log4j.properties} defines (product-apim v2.6.0), written down as data so that
 * only the user's own loggers and appenders, and the levels they changed, are carried to {@code log4j2.properties}.
 * The 4.1.0 names of the kept stock appenders follow the 4.1.0 file (config-mapping.md 6.2).
 */
public final class StockLog4j260 {

    /** A stock logger: its level and appenders in 2.6.0 and whether it is additive. */
    public record StockLogger(String name, String level, List<String> appenders, boolean additive) {
    }

    public static final String ROOT_LEVEL = "ERROR";
    public static final List<String> ROOT_APPENDERS =
            List.of("CARBON_CONSOLE", "CARBON_LOGFILE", "CARBON_MEMORY", "CARBON_SYS_LOG", "ERROR_LOGFILE");

    private static final Map<String, StockLogger> LOGGERS = Map.ofEntries(
            logger("AUDIT_LOG", "INFO", false, "AUDIT_LOGFILE"),
            logger("org.apache.synapse", "INFO", true),
            logger("org.apache.synapse.transport", "INFO", true),
            logger("org.apache.axis2", "INFO", true),
            logger("org.apache.axis2.transport", "INFO", true),
            logger("com.atomikos", "INFO", false, "ATOMIKOS"),
            logger("org.quartz", "WARN", true),
            logger("org.wso2", "INFO", true),
            logger("org.wso2.carbon", "INFO", true),
            logger("org.apache.catalina", "WARN", true),
            logger("org.apache.coyote", "WARN", true),
            logger("org.apache.axis2.enterprise", "FATAL", true),
            logger("de.hunsicker.jalopy.io", "FATAL", true),
            logger("qpid", "WARN", true),
            logger("org.apache.qpid", "WARN", true),
            logger("org.apache.qpid.server.Main", "INFO", true),
            logger("qpid.message", "WARN", true),
            logger("qpid.message.broker.listening", "INFO", true),
            logger("org.wso2.carbon.databridge.agent.thrift.AsyncDataPublisher", "WARN", true),
            logger("SERVICE_LOGGER", "INFO", false, "SERVICE_APPENDER"),
            logger("TRACE_LOGGER", "INFO", false, "TRACE_APPENDER", "TRACE_MEMORYAPPENDER"),
            logger("org.apache.directory.shared.ldap", "WARN", true, "CARBON_CONSOLE"),
            logger("org.apache.directory.server.ldap.handlers", "WARN", true, "CARBON_CONSOLE"),
            logger("org.apache.directory.shared.ldap.entry.DefaultServerAttribute", "FATAL", true, "CARBON_CONSOLE"),
            logger("org.apache.directory.shared.ldap.ldif.LdifReader", "ERROR", true, "CARBON_CONSOLE"),
            logger("org.apache.directory.server.ldap.LdapProtocolHandler", "ERROR", true, "CARBON_CONSOLE"),
            logger("trace.messages", "TRACE", false, "CARBON_TRACE_LOGFILE"),
            logger("EVENT_TRACE_LOGGER", "INFO", false, "EVENT_TRACE_APPENDER", "EVENT_TRACE_MEMORYAPPENDER"));

    /**
     * Stock appender id -> the appender name 4.1.0 uses for it; an empty value means 4.1.0 has no equivalent
     * (memory and event appenders, the DAS agent, the CEP event trace).
     */
    private static final Map<String, String> APPENDERS = Map.ofEntries(
            Map.entry("CARBON_CONSOLE", "CARBON_CONSOLE"),
            Map.entry("CARBON_LOGFILE", "CARBON_LOGFILE"),
            Map.entry("ERROR_LOGFILE", "ERROR_LOGFILE"),
            Map.entry("AUDIT_LOGFILE", "AUDIT_LOGFILE"),
            Map.entry("CARBON_TRACE_LOGFILE", "CARBON_TRACE_LOGFILE"),
            Map.entry("SERVICE_APPENDER", "SERVICE_APPENDER"),
            Map.entry("TRACE_APPENDER", "TRACE_APPENDER"),
            Map.entry("CARBON_SYS_LOG", "CARBON_SYS_LOG"),
            Map.entry("ATOMIKOS", "ATOMIKOS_LOGFILE"),
            Map.entry("CARBON_MEMORY", ""),
            Map.entry("TRACE_MEMORYAPPENDER", ""),
            Map.entry("LOGEVENT", ""),
            Map.entry("DAS_AGENT", ""),
            Map.entry("EVENT_TRACE_APPENDER", ""),
            Map.entry("EVENT_TRACE_MEMORYAPPENDER", ""));

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
        String n = APPENDERS.get(id);
        return n == null || n.isEmpty() ? Optional.empty() : Optional.of(n);
    }

    private static Map.Entry<String, StockLogger> logger(String name, String level, boolean additive, String... appenders) {
        return Map.entry(name, new StockLogger(name, level, List.of(appenders), additive));
    }
}
