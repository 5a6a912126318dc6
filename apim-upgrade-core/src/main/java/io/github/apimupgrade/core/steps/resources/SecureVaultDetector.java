package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed step 2.5 note: secure vault. In use when secret-conf.properties exists, cipher-text.properties holds an
 * encrypted value (stock entries are "[plaintext]" placeholders), or a configuration file references
 * {@code svns:secretAlias}. The 2.x ciphertexts are bound to the old keystore and the old configuration model, so
 * the operator re-enters the values under [secrets] and runs the cipher tool: a manual action with the aliases.
 */
final class SecureVaultDetector {
    private static final Pattern SECRET_ALIAS = Pattern.compile("secretAlias\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TOML_SECRET = Pattern.compile("\\$secret\\{([^}]+)}");

    private final StepContext context;
    private final StepPlan.Builder plan;

    SecureVaultDetector(StepContext context, StepPlan.Builder plan) {
        this.context = context;
        this.plan = plan;
    }

    void plan() {
        Path security = context.oldHome().conf().resolve("security");
        Path cipherText = security.resolve("cipher-text.properties");
        Path secretConf = security.resolve("secret-conf.properties");
        Set<String> aliases = new LinkedHashSet<>();
        Set<String> evidence = new LinkedHashSet<>();

        context.workspace().read(cipherText).ifPresent(text -> {
            Properties p = load(cipherText, text);
            for (String alias : p.stringPropertyNames().stream().sorted().toList()) {
                String v = p.getProperty(alias).trim();
                if (!v.isEmpty() && !(v.startsWith("[") && v.endsWith("]"))) {
                    aliases.add(alias);
                    evidence.add(context.oldHome().display(cipherText) + " (encrypted values)");
                }
            }
        });
        if (context.workspace().exists(secretConf)) {
            evidence.add(context.oldHome().display(secretConf));
        }
        for (Path f : Copies.files(context.oldHome().conf())) {
            String name = f.getFileName().toString();
            if (!(name.endsWith(".xml") || name.endsWith(".toml"))) {
                continue;
            }
            String text = context.workspace().read(f).orElse("");
            if (name.endsWith(".xml")) {
                text = XML_COMMENT.matcher(text).replaceAll(""); // stock files carry commented svns samples
            }
            Matcher m = (name.endsWith(".toml") ? TOML_SECRET : SECRET_ALIAS).matcher(text);
            boolean found = false;
            while (m.find()) {
                aliases.add(m.group(1));
                found = true;
            }
            if (found) {
                evidence.add(context.oldHome().display(f) + (name.endsWith(".toml") ? " ($secret references)" : " (svns:secretAlias)"));
            }
        }
        if (evidence.isEmpty()) {
            plan.note("Secure vault is not in use in the old home (no encrypted cipher-text.properties values, no secret-conf.properties,"
                    + " no svns:secretAlias)");
            return;
        }
        Path bin = context.newHome().home().resolve("bin");
        plan.warning("Secure vault is in use in the old home (" + String.join(", ", evidence) + "): its encrypted values cannot be"
                + " carried over and must be entered again");
        plan.manual("Re-enter the secure vault secrets in the [secrets] table of deployment.toml (as \"[plain text]\"), reference them"
                        + " as \"$secret{alias}\", then encrypt them. Aliases to re-enter: " + (aliases.isEmpty() ? "(none found)" : String.join(", ", aliases)),
                context.newHome().display(context.newHome().deploymentToml()),
                "cd " + bin + " && ./ciphertool.sh -Dconfigure");
    }

    private static Properties load(Path file, String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Cannot read " + file + ": " + e.getMessage(), file.toString(),
                    "Fix the malformed unicode escape in " + file.getFileName() + ".", e);
        }
        return p;
    }
}
