package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.StepPlan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the mapping parts of prepare-config share: the TOML being edited, the plan being built, and the
 * secure-vault aliases introduced so far (they become {@code [secrets]} placeholders at the end).
 */
final class Mapping {
    /** Placeholder for a secret the operator must enter before running the cipher tool. */
    static final String CHANGE_ME = "[CHANGE_ME]";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\w*)\\{[^}]*}");
    private static final Pattern BARE_AMPERSAND =
            Pattern.compile("&(?!(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);)");

    final TomlEditor toml;
    final StepPlan.Builder plan;
    final Redactor redactor;
    /** new alias -> where the old value came from (old alias, file:line). */
    final Map<String, String> secrets = new LinkedHashMap<>();
    /** Settings that still hold a published WSO2 default password ("[database.apim_db] password"). */
    final Set<String> stockPasswords = new java.util.LinkedHashSet<>();

    Mapping(TomlEditor toml, StepPlan.Builder plan, Redactor redactor) {
        this.toml = toml;
        this.plan = plan;
        this.redactor = redactor;
    }

    /** Writes {@code table.key = "$secret{newAlias}"} for a value the old installation kept in the secure vault. */
    void secretRef(String table, String key, String newAlias, String oldAlias, String where) {
        toml.set(table, key, "$secret{" + newAlias + "}");
        secrets.putIfAbsent(newAlias, "old alias " + oldAlias + " at " + where);
    }

    /**
     * Writes a plain password, registering it with the redactor first so no plan or log shows it. WSO2's published
     * stock passwords are not registered (they double as user names, aliases and file names, which would all be
     * masked): they are listed in {@link #stockPasswords} and prepare-config warns about them.
     */
    void password(String table, String key, String value) {
        registerSecret(value);
        if (Redactor.isStockDefault(value)) {
            stockPasswords.add("[" + table + "] " + key);
        }
        toml.set(table, key, xml(value));
    }

    /** Registers a secret value with the redactor, except stock passwords and placeholders such as ${admin.password}. */
    void registerSecret(String value) {
        if (value != null && !Redactor.isStockDefault(value) && !PLACEHOLDER.matcher(value).matches()) {
            redactor.register(value);
        }
    }

    /**
     * 4.1.0 pastes TOML values into its XML templates without escaping (config-mapping.md section 0), so every
     * value that came out of an XML file goes back XML-escaped: {@code &} stays {@code &amp;} as the old file had it.
     */
    static String xml(String value) {
        // an & that already starts an entity is kept: values read from an old deployment.toml (3.x homes) are
        // already escaped, values read from XML are decoded
        return value == null ? null : BARE_AMPERSAND.matcher(value).replaceAll("&amp;").replace("<", "&lt;");
    }

    /** An XML text as the TOML value type it looks like (pool options and similar free-form settings). */
    static Object typed(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        return xml(text);
    }
}
