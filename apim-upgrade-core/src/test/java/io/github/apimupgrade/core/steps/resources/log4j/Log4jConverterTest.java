package io.github.apimupgrade.core.steps.resources.log4j;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Log4jConverterTest {

    /** Shaped like the stock 2.6.0 file (a subset of its stock entries) plus the user's own loggers and appenders. */
    static final String OLD = """
            log4j.rootLogger=ERROR, CARBON_CONSOLE, CARBON_LOGFILE, CARBON_MEMORY, CARBON_SYS_LOG, ERROR_LOGFILE
            log4j.logger.AUDIT_LOG=INFO, AUDIT_LOGFILE
            log4j.logger.org.wso2=WARN
            log4j.logger.org.wso2.carbon=DEBUG
            log4j.logger.org.apache.catalina=WARN
            log4j.category.SERVICE_LOGGER=INFO, SERVICE_APPENDER
            log4j.additivity.SERVICE_LOGGER=false
            log4j.appender.CARBON_CONSOLE=org.wso2.carbon.utils.logging.appenders.CarbonConsoleAppender
            log4j.appender.CARBON_CONSOLE.layout=org.apache.log4j.PatternLayout
            log4j.appender.CARBON_CONSOLE.layout.ConversionPattern=[%d{ISO8601}] %5p - %c{1} %m%n
            log4j.appender.CARBON_MEMORY=org.wso2.carbon.logging.service.appender.CarbonMemoryAppender
            log4j.appender.CARBON_MEMORY.bufferSize=2000

            # the user's own
            log4j.logger.com.acme.billing=DEBUG, ACME_FILE, CARBON_MEMORY
            log4j.additivity.com.acme.billing=false
            log4j.logger.com.acme.audit=INFO, ACME_TENANT, ACME_MEM
            log4j.appender.ACME_FILE=org.apache.log4j.RollingFileAppender
            log4j.appender.ACME_FILE.File=${carbon.home}/repository/logs/${instance.log}/acme${instance.log}.log
            log4j.appender.ACME_FILE.MaxFileSize=5MB
            log4j.appender.ACME_FILE.MaxBackupIndex=7
            log4j.appender.ACME_FILE.layout=org.apache.log4j.PatternLayout
            log4j.appender.ACME_FILE.layout.ConversionPattern=%d{ISO8601} [%t] %5p %c{1} %m%n
            log4j.appender.ACME_FILE.threshold=DEBUG
            log4j.appender.ACME_TENANT=org.wso2.carbon.utils.logging.appenders.CarbonDailyRollingFileAppender
            log4j.appender.ACME_TENANT.File=${carbon.home}/repository/logs/acme-tenant.log
            log4j.appender.ACME_TENANT.Append=true
            log4j.appender.ACME_TENANT.layout=org.wso2.carbon.utils.logging.TenantAwarePatternLayout
            log4j.appender.ACME_TENANT.layout.ConversionPattern=TID: [%T] [%S] [%d] %P%5p {%c} - %x %m {%c}%n
            log4j.appender.ACME_TENANT.layout.TenantPattern=%U%@%D [%T] [%S]
            log4j.appender.ACME_MEM=org.wso2.carbon.utils.logging.appenders.MemoryAppender
            log4j.appender.ACME_MEM.bufferSize=100
            log4j.appender.UNUSED=org.apache.log4j.ConsoleAppender
            """;

    /**
     * Shaped like the 4.1.0 file, without the WSO2-only parts Log4j 2 alone cannot load (the PaxOsgi appender
     * "osgi" and the %tenantId/%appName converters of WSO2's pax-logging plugins).
     */
    static final String NEW = """
            # list of all appenders
            appenders = CARBON_CONSOLE, CARBON_LOGFILE, SERVICE_APPENDER

            appender.CARBON_CONSOLE.type = Console
            appender.CARBON_CONSOLE.name = CARBON_CONSOLE
            appender.CARBON_CONSOLE.layout.type = PatternLayout
            appender.CARBON_CONSOLE.layout.pattern = [%d{DEFAULT}] %5p - %c{1} %m%n

            appender.CARBON_LOGFILE.type = RollingFile
            appender.CARBON_LOGFILE.name = CARBON_LOGFILE
            appender.CARBON_LOGFILE.fileName = ${sys:carbon.home}/repository/logs/wso2carbon.log
            appender.CARBON_LOGFILE.filePattern = ${sys:carbon.home}/repository/logs/wso2carbon-%d{MM-dd-yyyy}-%i.log
            appender.CARBON_LOGFILE.layout.type = PatternLayout
            appender.CARBON_LOGFILE.layout.pattern = [%d] %5p {%c} - %m%ex%n
            appender.CARBON_LOGFILE.policies.type = Policies
            appender.CARBON_LOGFILE.policies.size.type = SizeBasedTriggeringPolicy
            appender.CARBON_LOGFILE.policies.size.size = 10MB

            appender.SERVICE_APPENDER.type = RollingFile
            appender.SERVICE_APPENDER.name = SERVICE_APPENDER
            appender.SERVICE_APPENDER.fileName = ${sys:carbon.home}/repository/logs/wso2-apigw-service.log
            appender.SERVICE_APPENDER.filePattern = ${sys:carbon.home}/repository/logs/wso2-apigw-service-%i.log
            appender.SERVICE_APPENDER.layout.type = PatternLayout
            appender.SERVICE_APPENDER.layout.pattern = %d{ISO8601} [%X{ip}-%X{host}] [%t] %5p %c{1} %m%n
            appender.SERVICE_APPENDER.policies.type = Policies
            appender.SERVICE_APPENDER.policies.size.type = SizeBasedTriggeringPolicy
            appender.SERVICE_APPENDER.policies.size.size = 1000KB

            loggers = AUDIT_LOG, org-apache-catalina, org-wso2-carbon, service_logger

            logger.AUDIT_LOG.name = AUDIT_LOG
            logger.AUDIT_LOG.level = INFO
            logger.AUDIT_LOG.additivity = false

            logger.org-apache-catalina.name = org.apache.catalina
            logger.org-apache-catalina.level = ERROR

            logger.org-wso2.name = org.wso2
            logger.org-wso2.level = INFO

            logger.org-wso2-carbon.name = org.wso2.carbon
            logger.org-wso2-carbon.level = INFO

            logger.service_logger.name = SERVICE_LOGGER
            logger.service_logger.level = INFO
            logger.service_logger.additivity = false
            logger.service_logger.appenderRef.SERVICE_APPENDER.ref = SERVICE_APPENDER

            rootLogger.level = INFO
            rootLogger.appenderRef.CARBON_CONSOLE.ref = CARBON_CONSOLE
            rootLogger.appenderRef.CARBON_LOGFILE.ref = CARBON_LOGFILE
            """;

    static final String EXPECTED = NEW
            .replace("appenders = CARBON_CONSOLE, CARBON_LOGFILE, SERVICE_APPENDER",
                    "appenders = CARBON_CONSOLE, CARBON_LOGFILE, SERVICE_APPENDER, ACME_FILE, ACME_TENANT")
            .replace("loggers = AUDIT_LOG, org-apache-catalina, org-wso2-carbon, service_logger",
                    "loggers = AUDIT_LOG, org-apache-catalina, org-wso2-carbon, service_logger, org-wso2, com-acme-billing, com-acme-audit")
            .replace("logger.org-wso2.level = INFO", "logger.org-wso2.level = WARN")
            .replace("logger.org-wso2-carbon.level = INFO", "logger.org-wso2-carbon.level = DEBUG")
            + """

            # Added by apim-upgrade: custom appenders and loggers of the old log4j.properties
            appender.ACME_FILE.type = RollingFile
            appender.ACME_FILE.name = ACME_FILE
            appender.ACME_FILE.fileName = ${sys:carbon.home}/repository/logs/acme.log
            appender.ACME_FILE.filePattern = ${sys:carbon.home}/repository/logs/acme-%i.log
            appender.ACME_FILE.layout.type = PatternLayout
            appender.ACME_FILE.layout.pattern = %d{ISO8601} [%t] %5p %c{1} %m%n
            appender.ACME_FILE.policies.type = Policies
            appender.ACME_FILE.policies.size.type = SizeBasedTriggeringPolicy
            appender.ACME_FILE.policies.size.size = 5MB
            appender.ACME_FILE.strategy.type = DefaultRolloverStrategy
            appender.ACME_FILE.strategy.max = 7
            appender.ACME_FILE.filter.threshold.type = ThresholdFilter
            appender.ACME_FILE.filter.threshold.level = DEBUG
            logger.com-acme-billing.name = com.acme.billing
            logger.com-acme-billing.level = DEBUG
            logger.com-acme-billing.additivity = false
            logger.com-acme-billing.appenderRef.ACME_FILE.ref = ACME_FILE
            appender.ACME_TENANT.type = RollingFile
            appender.ACME_TENANT.name = ACME_TENANT
            appender.ACME_TENANT.fileName = ${sys:carbon.home}/repository/logs/acme-tenant.log
            appender.ACME_TENANT.filePattern = ${sys:carbon.home}/repository/logs/acme-tenant-%d{MM-dd-yyyy}.log
            appender.ACME_TENANT.layout.type = PatternLayout
            appender.ACME_TENANT.layout.pattern = TID: [%tenantId] [%d] %5p {%c} - %x %m {%c}%n
            appender.ACME_TENANT.policies.type = Policies
            appender.ACME_TENANT.policies.time.type = TimeBasedTriggeringPolicy
            appender.ACME_TENANT.policies.time.interval = 1
            appender.ACME_TENANT.policies.time.modulate = true
            appender.ACME_TENANT.strategy.type = DefaultRolloverStrategy
            appender.ACME_TENANT.strategy.max = 20
            logger.com-acme-audit.name = com.acme.audit
            logger.com-acme-audit.level = INFO
            logger.com-acme-audit.appenderRef.ACME_TENANT.ref = ACME_TENANT
            """;

    @TempDir
    Path carbonHome;

    @Test
    void customLoggersAndAppendersBecomeExactLines() {
        Log4jConverter.Result r = Log4jConverter.convert(OLD, NEW);

        assertEquals(EXPECTED, r.text());
        assertTrue(r.changed());
        assertTrue(r.changes().contains("logger org.wso2.carbon (org-wso2-carbon) level set to DEBUG"), r.changes().toString());
        assertTrue(r.changes().contains("appender ACME_FILE (RollingFileAppender) added"), r.changes().toString());
        assertTrue(r.notes().contains("log4j.properties appender UNUSED is not used by any logger: not carried over"), r.notes().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("logger com.acme.billing referred to the 2.6.0 appender CARBON_MEMORY")),
                r.warnings().toString());
        assertEquals(1, r.manual().size(), r.manual().toString());
        assertTrue(r.manual().get(0).what().startsWith("Carry over the log4j appender ACME_MEM (org.wso2.carbon.utils.logging.appenders.MemoryAppender) by hand"));
    }

    @Test
    void convertingTheResultAgainChangesNothing() {
        String once = Log4jConverter.convert(OLD, NEW).text();

        Log4jConverter.Result twice = Log4jConverter.convert(OLD, once);

        assertFalse(twice.changed(), twice.changes().toString());
        assertEquals(once, twice.text());
    }

    @Test
    void stockOnlyFileChangesNothing() {
        String stock = """
                log4j.rootLogger=ERROR, CARBON_CONSOLE, CARBON_LOGFILE, CARBON_MEMORY, CARBON_SYS_LOG, ERROR_LOGFILE
                log4j.logger.org.apache.catalina=WARN
                log4j.category.TRACE_LOGGER=INFO, TRACE_APPENDER, TRACE_MEMORYAPPENDER
                log4j.additivity.TRACE_LOGGER=false
                """;
        Log4jConverter.Result r = Log4jConverter.convert(stock, NEW);

        assertFalse(r.changed());
        assertEquals(NEW, r.text());
    }

    @Test
    void changedStockAppenderThresholdIsEditedAndAMovedFileIsAManualAction() {
        String old = """
                log4j.appender.CARBON_LOGFILE=org.wso2.carbon.utils.logging.appenders.CarbonDailyRollingFileAppender
                log4j.appender.CARBON_LOGFILE.File=${carbon.home}/repository/logs/${instance.log}/wso2carbon${instance.log}.log
                log4j.appender.CARBON_LOGFILE.threshold=INFO
                log4j.appender.SERVICE_APPENDER=org.apache.log4j.RollingFileAppender
                log4j.appender.SERVICE_APPENDER.File=/var/log/wso2/service.log
                log4j.appender.AUDIT_LOGFILE=org.apache.log4j.DailyRollingFileAppender
                log4j.appender.AUDIT_LOGFILE.File=${carbon.home}/repository/logs/audit.log
                log4j.appender.AUDIT_LOGFILE.threshold=INFO
                """;

        Log4jConverter.Result r = Log4jConverter.convert(old, NEW);

        assertEquals(NEW + """

                # Added by apim-upgrade: custom appenders and loggers of the old log4j.properties
                appender.CARBON_LOGFILE.filter.threshold.type = ThresholdFilter
                appender.CARBON_LOGFILE.filter.threshold.level = INFO
                """, r.text());
        assertEquals(List.of("appender CARBON_LOGFILE threshold set to INFO"), r.changes());
        assertEquals(1, r.manual().size(), r.manual().toString());
        assertEquals("set appender.SERVICE_APPENDER.fileName = /var/log/wso2/service.log and a matching appender.SERVICE_APPENDER.filePattern",
                r.manual().get(0).how());
        assertFalse(Log4jConverter.convert(old, r.text()).changed(), "second conversion changes nothing");
    }

    @Test
    void crlfAndContinuationLinesAreKept() {
        String crlf = "appenders = A, \\\r\n    B\r\nappender.A.type = Console\r\nappender.A.name = A\r\nappender.B.type = Console\r\n"
                + "appender.B.name = B\r\nloggers = x\r\nlogger.x.name = x\r\nlogger.x.level = INFO\r\n";
        String old = "log4j.logger.y=WARN, C\r\nlog4j.appender.C=org.apache.log4j.ConsoleAppender\r\n"
                + "log4j.appender.C.Target=System.err\r\nlog4j.appender.C.layout=org.apache.log4j.SimpleLayout\r\n";

        String out = Log4jConverter.convert(old, crlf).text();

        assertEquals("appenders = A, \\\r\n    B, C\r\nappender.A.type = Console\r\nappender.A.name = A\r\nappender.B.type = Console\r\n"
                + "appender.B.name = B\r\nloggers = x, y\r\nlogger.x.name = x\r\nlogger.x.level = INFO\r\n\r\n" + Log4jConverter.HEADER + "\r\n"
                + "appender.C.type = Console\r\nappender.C.name = C\r\nappender.C.target = SYSTEM_ERR\r\n"
                + "appender.C.layout.type = PatternLayout\r\nappender.C.layout.pattern = %p - %m%n\r\n"
                + "logger.y.name = y\r\nlogger.y.level = WARN\r\nlogger.y.appenderRef.C.ref = C\r\n", out);
    }

    @Test
    void tenantAwareConversions() {
        assertEquals("TID: [%tenantId] [%d] %5p {%c} - %x %m {%c}%n",
                Log4jConverter.tenantAwarePattern("TID: [%T] [%S] [%d] %P%5p {%c} - %x %m {%c}%n"));
        assertEquals("%-10tenantDomain %appName 100%% %m%n", Log4jConverter.tenantAwarePattern("%-10D %A 100%% %m%n"));
        assertEquals("${sys:carbon.home}/repository/logs/tm.out", Log4jConverter.fileName("repository/logs/tm.out"));
        assertEquals("${sys:carbon.home}/repository/logs/x.log", Log4jConverter.fileName("${carbon.home}/repository/logs/${instance.log}/x${instance.log}.log"));
        assertEquals("${sys:carbon.home}/repository/logs/tm-%d{MM-dd-yyyy}.out",
                Log4jConverter.filePattern("${sys:carbon.home}/repository/logs/tm.out", "%d{MM-dd-yyyy}"));
    }

    /**
     * The converted file loads with Log4j 2's own properties configuration. WSO2's %tenantId/%appName converters
     * live in its pax-logging plugins, not on this classpath (plain Log4j would read %tenantId as %t + "enantId"),
     * so the load test maps them to MDC lookups (%X{tenantId}) first; the fixture has no PaxOsgi appender.
     * Any ERROR from Log4j's status logger fails the test.
     */
    @Test
    void convertedFileLoadsWithLog4j2() throws Exception {
        String converted = Log4jConverter.convert(OLD, NEW).text()
                .replace("%tenantId", "%X{tenantId}").replace("%tenantDomain", "%X{tenantDomain}").replace("%appName", "%X{appName}");
        List<String> errors = new CopyOnWriteArrayList<>();
        StatusListener listener = new StatusListener() {
            @Override
            public void log(StatusData data) {
                if (data.getLevel().isMoreSpecificThan(Level.ERROR)) {
                    errors.add(data.getFormattedStatus());
                }
            }

            @Override
            public Level getStatusLevel() {
                return Level.ERROR;
            }

            @Override
            public void close() {
            }
        };
        StatusLogger.getLogger().registerListener(listener);
        String previous = System.getProperty("carbon.home");
        System.setProperty("carbon.home", carbonHome.toString());
        LoggerContext ctx = new LoggerContext("log4j-conversion-test");
        try {
            ConfigurationSource source = new ConfigurationSource(new ByteArrayInputStream(converted.getBytes(StandardCharsets.UTF_8)));
            Configuration config = new PropertiesConfigurationFactory().getConfiguration(ctx, source);
            config.initialize();

            assertNotNull(config.getAppenders().get("ACME_FILE"));
            assertNotNull(config.getAppenders().get("ACME_TENANT"));
            assertNotNull(config.getAppenders().get("CARBON_CONSOLE"));
            LoggerConfig billing = config.getLoggers().get("com.acme.billing");
            assertEquals(Level.DEBUG, billing.getLevel());
            assertFalse(billing.isAdditive());
            assertEquals(List.of("ACME_FILE"), billing.getAppenderRefs().stream().map(r -> r.getRef()).toList());
            assertTrue(billing.getAppenders().containsKey("ACME_FILE"));
            LoggerConfig audit = config.getLoggers().get("com.acme.audit");
            assertEquals(Level.INFO, audit.getLevel());
            assertTrue(audit.getAppenders().containsKey("ACME_TENANT"));
            assertEquals(Level.DEBUG, config.getLoggers().get("org.wso2.carbon").getLevel());
            assertEquals(Level.WARN, config.getLoggers().get("org.wso2").getLevel());
            assertEquals(Level.ERROR, config.getLoggers().get("org.apache.catalina").getLevel(), "unchanged stock logger keeps 4.1.0's level");
            assertEquals(List.of(), errors);
            config.stop();
        } finally {
            StatusLogger.getLogger().removeListener(listener);
            if (previous == null) {
                System.clearProperty("carbon.home");
            } else {
                System.setProperty("carbon.home", previous);
            }
        }
    }

    /**
     * Issue 13: 2,000 loggers took 5.6 s, 50,000 did not finish in 21 min (every logger scanned the whole target
     * file). The output is asserted, not the time (that is in apim-upgrade-bench/README.md); the timeout only keeps
     * a quadratic regression from hanging the build.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void fiftyThousandLoggersAreAllCarriedOverAndTheResultIsStable() {
        int n = 50_000;
        StringBuilder old = new StringBuilder(OLD);
        for (int i = 0; i < 10; i++) {
            old.append("log4j.appender.BULK").append(i).append("=org.apache.log4j.FileAppender\n")
                    .append("log4j.appender.BULK").append(i).append(".File=repository/logs/bulk").append(i).append(".log\n");
        }
        for (int i = 0; i < n; i++) {
            old.append("log4j.logger.com.acme.bulk.p").append(i % 97).append(".C").append(i).append('=')
                    .append(i % 2 == 0 ? "DEBUG" : "WARN").append(i % 5 == 0 ? ", BULK" + (i % 10) : "").append('\n');
        }

        Log4jConverter.Result r = Log4jConverter.convert(old.toString(), NEW);

        PropertiesLines out = new PropertiesLines(r.text());
        java.util.Set<String> listed = java.util.Arrays.stream(out.value("loggers").split(",")).map(String::trim)
                .collect(java.util.stream.Collectors.toSet());
        for (int i = 0; i < n; i++) {
            String name = "com.acme.bulk.p" + (i % 97) + ".C" + i;
            String id = name.replace('.', '-');
            assertEquals(name, out.value("logger." + id + ".name"), id);
            assertEquals(i % 2 == 0 ? "DEBUG" : "WARN", out.value("logger." + id + ".level"), id);
            assertEquals(i % 5 == 0 ? "BULK" + (i % 10) : null, out.value("logger." + id + ".appenderRef.BULK" + (i % 10) + ".ref"), id);
            assertTrue(listed.contains(id), id);
        }
        assertEquals(n + 7, listed.size(), "the 4 stock loggers, org-wso2, the two acme loggers and every bulk logger, each once");
        assertEquals("CARBON_CONSOLE, CARBON_LOGFILE, SERVICE_APPENDER, ACME_FILE, ACME_TENANT, BULK0, BULK5", out.value("appenders"),
                "the appenders a logger uses, listed once each");
        assertEquals("${sys:carbon.home}/repository/logs/bulk5.log", out.value("appender.BULK5.fileName"));
        assertFalse(out.has("appender.BULK3.type"), "an appender no logger uses is not carried over");
        assertTrue(r.text().startsWith(EXPECTED.substring(0, EXPECTED.indexOf("appenders = "))), "the stock head is kept");

        Log4jConverter.Result again = Log4jConverter.convert(old.toString(), r.text());
        assertFalse(again.changed(), again.changes().stream().limit(5).toList().toString());
        assertEquals(r.text(), again.text());
    }

    /**
     * Issue 15: a carried root at WARN, org.wso2.carbon at ERROR, a migration logger at WARN or a WARN threshold on
     * the wso2carbon.log appender would hide the INFO lines the server supervision reads. The plan says so, and
     * the converted file, as Log4j 2 loads it, keeps those loggers at INFO while every other carried level stays.
     */
    @Test
    void carriedLevelsNeverHideTheLinesTheSupervisionReads() throws Exception {
        String old = """
                log4j.rootLogger=WARN, CARBON_CONSOLE, CARBON_LOGFILE
                log4j.logger.org.wso2.carbon=ERROR
                log4j.logger.org.wso2.carbon.apimgt.migration=WARN
                log4j.logger.com.acme=DEBUG
                log4j.appender.CARBON_LOGFILE=org.wso2.carbon.utils.logging.appenders.CarbonDailyRollingFileAppender
                log4j.appender.CARBON_LOGFILE.File=${carbon.home}/repository/logs/${instance.log}/wso2carbon${instance.log}.log
                log4j.appender.CARBON_LOGFILE.threshold=WARN
                """;

        Log4jConverter.Result r = Log4jConverter.convert(old, NEW);

        for (String sv : Log4jConverter.SUPERVISED) {
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains(sv) && w.contains("INFO")), sv + ": " + r.warnings());
        }
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("the threshold WARN of CARBON_LOGFILE would hide")), r.warnings().toString());
        assertTrue(r.manual().stream().anyMatch(m -> m.what().contains("threshold of CARBON_LOGFILE to WARN")), r.manual().toString());
        assertFalse(r.text().contains("appender.CARBON_LOGFILE.filter.threshold"), r.text());

        Configuration config = load(r.text());
        for (String sv : Log4jConverter.SUPERVISED) {
            assertEquals(Level.INFO, config.getLoggerConfig(sv + ".Child").getLevel(), sv);
        }
        assertEquals(Level.ERROR, config.getLoggerConfig("org.wso2.carbon.user.core.Realm").getLevel(), "the user's level elsewhere");
        assertEquals(Level.WARN, config.getRootLogger().getLevel());
        assertEquals(Level.DEBUG, config.getLoggerConfig("com.acme").getLevel());
        config.stop();

        Log4jConverter.Result again = Log4jConverter.convert(old, r.text());
        assertFalse(again.changed(), again.changes().toString());
        assertEquals(r.text(), again.text());
    }

    @Test
    void levelsThatLetInfoThroughAddNothingForTheSupervision() {
        Log4jConverter.Result r = Log4jConverter.convert(OLD, NEW);
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("judged by")), r.warnings().toString());
    }

    private Configuration load(String text) throws Exception {
        String previous = System.getProperty("carbon.home");
        System.setProperty("carbon.home", carbonHome.toString());
        try {
            LoggerContext ctx = new LoggerContext("log4j-supervision-test");
            ConfigurationSource source = new ConfigurationSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            Configuration config = new PropertiesConfigurationFactory().getConfiguration(ctx, source);
            config.initialize();
            return config;
        } finally {
            if (previous == null) {
                System.clearProperty("carbon.home");
            } else {
                System.setProperty("carbon.home", previous);
            }
        }
    }
}
