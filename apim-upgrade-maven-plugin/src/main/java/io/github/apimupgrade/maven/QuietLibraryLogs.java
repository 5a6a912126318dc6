package io.github.apimupgrade.maven;

/**
 * Keeps the connection pool's and the JDBC drivers' own log lines ("apim-upgrade-WSO2AM_DB - Starting...",
 * a driver's stack trace of the failed login the engine already explains) out of the build output. Maven's slf4j
 * simple logger reads {@code org.slf4j.simpleLogger.log.<logger>} when a logger is created, so this must run before
 * HikariCP or a driver loads: from the mojo base class's static initializer. A level the user set
 * ({@code -Dorg.slf4j.simpleLogger.log.com.zaxxer.hikari=debug}) is kept.
 */
final class QuietLibraryLogs {
    static final String PREFIX = "org.slf4j.simpleLogger.log.";
    /** slf4j loggers of the pool and of the drivers that log through slf4j. */
    static final String[] LOGGERS = {"com.zaxxer.hikari", "org.mariadb.jdbc", "com.mysql.cj"};

    private QuietLibraryLogs() {
    }

    static void apply() {
        for (String logger : LOGGERS) {
            if (System.getProperty(PREFIX + logger) == null) {
                System.setProperty(PREFIX + logger, "off");
            }
        }
    }
}
