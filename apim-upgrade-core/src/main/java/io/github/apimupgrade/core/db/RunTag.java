package io.github.apimupgrade.core.db;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name every connection of one run carries ({@code apim-upgrade/20261202T004512-3fa9}): the application name
 * the database shows for the session (PostgreSQL application_name, SQL Server program_name, Oracle
 * v$session.program, DB2 CLIENT_APPLNAME, MySQL program_name) and, on MySQL/MariaDB, a leading comment of every
 * statement. It tells this run's sessions, an earlier run's leftover sessions and other clients apart. The time is
 * the run's start (UTC), readable by an operator looking at the session list.
 */
public record RunTag(String runId) {
    public static final String PREFIX = "apim-upgrade/";
    private static final Pattern TAG = Pattern.compile("^\\s*(?:/\\*\\s*)?apim-upgrade/([0-9]{8}T[0-9]{6}-[0-9a-f]{4})");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static RunTag create() {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return new RunTag(TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(b));
    }

    /** apim-upgrade/&lt;run id&gt;: 33 characters, within every vendor's limit (Oracle's 48 is the smallest). */
    public String applicationName() {
        return PREFIX + runId;
    }

    /** The comment MySQL/MariaDB statements start with (visible in PROCESSLIST.INFO). */
    public String sqlComment() {
        return "/* " + applicationName() + " */ ";
    }

    /** The run id an application name, or a statement's leading comment, carries. */
    public static Optional<String> runIdIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
