package io.github.apimupgrade.bench;

import io.github.apimupgrade.core.steps.resources.log4j.Log4jConverter;

/**
 * Times the log4j.properties -> log4j2.properties conversion (issue 13: it was quadratic in the number of loggers).
 * {@code exec:java -Dexec.mainClass=io.github.apimupgrade.bench.Log4jBench -Dexec.args="2000 10000 50000"}.
 * Input: N custom loggers (every fifth with a custom file appender) into a 4.1.0-shaped target file.
 */
public final class Log4jBench {

    private static final String TARGET = """
            appenders = CARBON_CONSOLE, CARBON_LOGFILE
            appender.CARBON_CONSOLE.type = Console
            appender.CARBON_CONSOLE.name = CARBON_CONSOLE
            appender.CARBON_LOGFILE.type = RollingFile
            appender.CARBON_LOGFILE.name = CARBON_LOGFILE
            loggers = AUDIT_LOG, org-wso2-carbon
            logger.AUDIT_LOG.name = AUDIT_LOG
            logger.AUDIT_LOG.level = INFO
            logger.org-wso2-carbon.name = org.wso2.carbon
            logger.org-wso2-carbon.level = INFO
            rootLogger.level = INFO
            rootLogger.appenderRef.CARBON_CONSOLE.ref = CARBON_CONSOLE
            """;

    private Log4jBench() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            String old = input(n);
            Log4jConverter.convert(input(100), TARGET); // warm-up
            long t0 = System.nanoTime();
            Log4jConverter.Result once = Log4jConverter.convert(old, TARGET);
            long t1 = System.nanoTime();
            Log4jConverter.Result again = Log4jConverter.convert(old, once.text());
            long t2 = System.nanoTime();
            System.out.printf("%,d loggers: convert %.2f s (%,d changes, %,d chars); re-convert of the result %.2f s (%s)%n",
                    n, (t1 - t0) / 1e9, once.changes().size(), once.text().length(), (t2 - t1) / 1e9,
                    again.changed() ? "CHANGED" : "no change");
        }
    }

    static String input(int n) {
        StringBuilder old = new StringBuilder("log4j.rootLogger=ERROR, CARBON_CONSOLE, CARBON_LOGFILE\n");
        for (int i = 0; i < 10; i++) {
            old.append("log4j.appender.BULK").append(i).append("=org.apache.log4j.FileAppender\n")
                    .append("log4j.appender.BULK").append(i).append(".File=repository/logs/bulk").append(i).append(".log\n");
        }
        for (int i = 0; i < n; i++) {
            old.append("log4j.logger.com.acme.bulk.p").append(i % 97).append(".C").append(i).append('=')
                    .append(i % 2 == 0 ? "DEBUG" : "WARN").append(i % 5 == 0 ? ", BULK" + (i % 10) : "").append('\n');
        }
        return old.toString();
    }
}
