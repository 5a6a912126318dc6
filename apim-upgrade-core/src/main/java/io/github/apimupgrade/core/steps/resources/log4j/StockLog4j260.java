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
     * A stock appender: the name 4.1.0 uses for it (empty: 4.1.0 has no equivalent: memory and event appenders, the
     * DAS agent, the CEP event trace), its 2.6.0 threshold and log file (as {@link Log4jConverter#fileName} writes
     * it), null when it has none.
     */
    public record StockAppender(String id, String newName, String threshold, String file) {
    }

    private static final String LOGS = "${sys:carbon.home}/repository/logs/";

    private static final Map<String, StockAppender> APPENDERS = Map.ofEntries(
            appender("CARBON_CONSOLE", "CARBON_CONSOLE", null, null),
            appender("CARBON_LOGFILE", "CARBON_LOGFILE", "DEBUG", LOGS + "wso2carbon.log"),
            appender("ERROR_LOGFILE", "ERROR_LOGFILE", "WARN", LOGS + "wso2-apigw-errors.log"),
            appender("AUDIT_LOGFILE", "AUDIT_LOGFILE", "INFO", LOGS + "audit.log"),
            appender("CARBON_TRACE_LOGFILE", "CARBON_TRACE_LOGFILE", "TRACE", LOGS + "wso2carbon-trace-messages.log"),
            appender("SERVICE_APPENDER", "SERVICE_APPENDER", null, LOGS + "wso2-apigw-service.log"),
            appender("TRACE_APPENDER", "TRACE_APPENDER", null, LOGS + "wso2-apigw-trace.log"),
            appender("CARBON_SYS_LOG", "CARBON_SYS_LOG", "DEBUG", null),
            appender("ATOMIKOS", "ATOMIKOS_LOGFILE", null, LOGS + "tm.out"),
            appender("CARBON_MEMORY", "", "DEBUG", null),
            appender("TRACE_MEMORYAPPENDER", "", null, null),
            appender("LOGEVENT", "", null, null),
            appender("DAS_AGENT", "", null, null),
            appender("EVENT_TRACE_APPENDER", "", null, LOGS + "wso2-cep-trace.log"),
            appender("EVENT_TRACE_MEMORYAPPENDER", "", null, null));

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

    private static Map.Entry<String, StockAppender> appender(String id, String newName, String threshold, String file) {
        return Map.entry(id, new StockAppender(id, newName, threshold, file));
    }

    private static Map.Entry<String, StockLogger> logger(String name, String level, boolean additive, String... appenders) {
        return Map.entry(name, new StockLogger(name, level, List.of(appenders), additive));
    }
}
