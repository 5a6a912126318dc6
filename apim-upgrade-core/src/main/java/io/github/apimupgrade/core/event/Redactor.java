package io.github.apimupgrade.core.event;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it is logged, reported or put in an exception:
 * <ul>
 *   <li>every registered secret value, wherever it appears;</li>
 *   <li>the value of every key that names a secret, whatever the syntax: TOML, properties, YAML and JSON
 *       ({@code client_secret = "..."}, {@code api_key: ...}, {@code "token": "..."}), XML elements and attributes
 *       ({@code <Password>...</Password>}, {@code keystorePass="..."}, {@code <Property name="ConnectionPassword">}),
 *       JDBC URL parameters ({@code ;password=...}, {@code ?password=...&}), also inside JSON and HTML text where the
 *       quotes are escaped;</li>
 *   <li>the password of a URL's user info ({@code amqp://user:pass@host}).</li>
 * </ul>
 * WSO2's published stock defaults ({@code wso2carbon}, {@code admin}, {@code root}) are not secrets: they are also
 * file names, aliases and user names, and masking them made {@code copy .../****.jks} out of a file copy. They are
 * never registered nor masked; prepare-config warns instead that an installation still uses one. Secure-vault
 * references ({@code $secret{alias}}), placeholders ({@code ${admin.password}}) and {@code [CHANGE_ME]} are shown.
 */
public final class Redactor {
    /** WSO2's published default passwords: shown as they are (and warned about), never masked. */
    public static final Set<String> STOCK_DEFAULTS = Set.of("wso2carbon", "admin", "root");

    private static final String MASK = "****";
    /** A key naming a secret: ends with one of these words (so token_endpoint or password_recovery do not). */
    private static final String KEY =
            "[A-Za-z0-9_.-]*?(?i:password|passwd|pwd|pass|secret|token|api[_-]?key|apikey|private[_-]?key|credentials?)";
    /** A quote as it appears in plain text, JSON string content or HTML. */
    private static final String QUOTE = "(?:\\\\\"|&quot;|&#34;|&#39;|\"|')";
    /** key = "value" / key: 'value' / "key": "value", with the quotes in any of their escaped forms. */
    private static final Pattern QUOTED = Pattern.compile(
            "(?<![A-Za-z0-9_])(" + QUOTE + "?" + KEY + QUOTE + "?\\s*[=:]\\s*)(" + QUOTE + ")(.*?)(\\2)");
    /** key=value without quotes: properties, YAML, URL parameters (;password=x, ?password=x&...). */
    private static final Pattern BARE = Pattern.compile(
            "(?<![A-Za-z0-9_])(" + KEY + "\\s*[=:]\\s*)(?![\\s\"'\\\\&])([^\\s;&,\"'<>\\\\)\\]}]+)");
    /** <Password>value</Password>, <ns:ConsumerSecret>...</ns:ConsumerSecret>. */
    private static final Pattern ELEMENT = Pattern.compile(
            "(<(?:[\\w-]+:)?(" + KEY + ")(?:\\s[^>]*)?>)([^<]+)(</(?:[\\w-]+:)?\\2>)");
    /** <Property name="ConnectionPassword">value</Property> (user-mgt.xml and its kind). */
    private static final Pattern NAMED_PROPERTY = Pattern.compile(
            "(<(?:[\\w-]+:)?[Pp]roperty\\s[^>]*name\\s*=\\s*" + QUOTE + KEY + QUOTE + "[^>]*>)([^<]+)(<)");
    /** scheme://user:password@host. */
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@\"'<>]+:)([^@\\s/\"'<>]+)(@)");

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Registers a value to mask everywhere; stock defaults, placeholders and values under 3 characters are not. */
    public void register(String secret) {
        if (secret != null && secret.length() >= 3 && !secrets.contains(secret) && !shown(secret)) {
            secrets.add(secret);
            // longest first, so a secret that contains another is masked whole
            secrets.sort((a, b) -> b.length() - a.length());
        }
    }

    public void registerAll(Collection<String> values) {
        values.forEach(this::register);
    }

    /** True for a published WSO2 default password. */
    public static boolean isStockDefault(String value) {
        return value != null && STOCK_DEFAULTS.contains(value);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        out = replace(USER_INFO, out, 2);
        out = replace(ELEMENT, out, 3);
        out = replace(NAMED_PROPERTY, out, 2);
        out = replace(QUOTED, out, 3);
        out = replace(BARE, out, 2);
        return out;
    }

    /** Masks group {@code g} of every match, unless it is a value that is shown (stock default, reference). */
    private static String replace(Pattern p, String text, int g) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(g);
            String replacement = shown(value) || value.isEmpty() ? m.group()
                    : text.substring(m.start(), m.start(g)) + MASK + text.substring(m.end(g), m.end());
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Values that are not secrets: stock defaults, booleans, the mask itself, references and placeholders. */
    private static boolean shown(String value) {
        String v = value.strip();
        return STOCK_DEFAULTS.contains(v) || v.equals(MASK) || v.equals("true") || v.equals("false")
                || v.startsWith("$secret{") || v.startsWith("${") || v.startsWith("$ref{") || v.equals("[CHANGE_ME]")
                || v.startsWith("{{");
    }

    /** A sink that redacts every message before passing it on. */
    public EventSink wrap(EventSink sink) {
        return new EventSink() {
            @Override
            public void emit(UpgradeEvent e) {
                sink.emit(new UpgradeEvent(e.level(), e.stepId(), redact(e.message()), e.at()));
            }

            @Override
            public boolean detailEnabled() {
                return sink.detailEnabled();
            }
        };
    }
}
