package io.github.apimupgrade.core.db.dialect;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL 5.7/8.x. DDL commits implicitly, so scripts are guarded. The splitter follows the mysql client:
 * {@code DELIMITER} lines, {@code #} and {@code -- } comments, backquoted identifiers, backslash escapes in strings,
 * and {@code /*! ... *}{@code /} executable comments kept as statement text.
 */
public class MySqlDialect extends AbstractDialect {

    static class Splitter extends SqlSplitter {
        private static final Pattern DELIMITER = Pattern.compile("^\\s*DELIMITER\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

        @Override
        protected LineCommand lineCommand(String line, State st) {
            Matcher m = DELIMITER.matcher(line);
            return m.matches() ? LineCommand.setDelimiter(m.group(1)) : null;
        }

        @Override
        protected boolean isLineCommentStart(String s, int i) {
            if (s.charAt(i) == '#') {
                return true;
            }
            // MySQL needs a blank after "--" ("--1" is minus minus one)
            return s.startsWith("--", i) && (i + 2 >= s.length() || Character.isWhitespace(s.charAt(i + 2)));
        }

        @Override
        protected boolean isExecutableComment(String s, int i) {
            return s.startsWith("/*!", i);
        }

        @Override
        protected int quotedEnd(String s, int i) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                return backslashQuoteEnd(s, i, c);
            }
            if (c == '`') {
                return doubledQuoteEnd(s, i, '`');
            }
            return -1;
        }
    }

    public MySqlDialect() {
        super(new Splitter(), existsChecks());
    }

    private static Map<ObjectKind, String> existsChecks() {
        Map<ObjectKind, String> m = informationSchema("DATABASE()", "GROUP_CONCAT(", " ORDER BY KCU.ORDINAL_POSITION SEPARATOR ',')");
        m.put(ObjectKind.INDEX_IN_SCHEMA, "SELECT 1 FROM INFORMATION_SCHEMA.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND UPPER(INDEX_NAME) = ? LIMIT 1");
        m.put(ObjectKind.INDEX, "SELECT 1 FROM INFORMATION_SCHEMA.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND UPPER(TABLE_NAME) = ? AND UPPER(INDEX_NAME) = ? LIMIT 1");
        m.put(ObjectKind.TRIGGER, "SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"
                + " AND UPPER(TRIGGER_NAME) = ?");
        return m;
    }

    @Override
    boolean handles(String productName, String productVersion, String url) {
        return productName.contains("mysql") && !productVersion.contains("mariadb");
    }

    @Override public String id() { return "mysql"; }
    @Override public boolean supportsDdlTransactions() { return false; }

    /** DATETIME(3), not TIMESTAMP: with explicit_defaults_for_timestamp off, a TIMESTAMP NOT NULL column silently gets ON UPDATE CURRENT_TIMESTAMP. */
    @Override
    public String historyTableDdl() {
        return "CREATE TABLE APIM_UPGRADE_HISTORY (ID BIGINT AUTO_INCREMENT PRIMARY KEY, STEP_ID VARCHAR(100) NOT NULL,"
                + " SCRIPT VARCHAR(255) NOT NULL, SHA256 VARCHAR(64) NOT NULL, STARTED DATETIME(3) NOT NULL,"
                + " FINISHED DATETIME(3) NULL, SUCCESS BOOLEAN, ROWS_AFFECTED BIGINT, TOOL_VERSION VARCHAR(40),"
                + " MESSAGE VARCHAR(2000)) ENGINE=InnoDB";
    }

    /** GET_LOCK is held by the session and released when it ends (process death included). */
    @Override public String tryLockSql() { return "SELECT GET_LOCK(?, 0)"; }
    @Override public String unlockSql() { return "SELECT RELEASE_LOCK(?)"; }
}
