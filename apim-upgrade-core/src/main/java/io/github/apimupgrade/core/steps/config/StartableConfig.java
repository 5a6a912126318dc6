package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.StepContext;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The new home's deployment.toml as a server start needs it: no {@code [secrets]} value still
 * {@value Mapping#CHANGE_ME} (the cipher tool would encrypt the placeholder, and the server would fail to log in to
 * its databases or key stores) and a {@code [keystore.primary]} key of at least {@value PrimaryKeyCheck#MIN_RSA_BITS}
 * bits (API-M 4.x refuses a weaker one). Every step that starts the new server calls {@link #require} while it plans,
 * so {@code migrate} stops before its first server start, and {@code plan} says why, instead of leaving it to a
 * manual action nobody reads while the run goes on.
 */
public final class StartableConfig {
    private StartableConfig() {
    }

    /** Fails (a user error naming the file and the fix) when the server could not start with this TOML. */
    public static void require(StepContext context, String tomlText, String display) {
        List<String> problems = problems(context, tomlText);
        if (!problems.isEmpty()) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The new server cannot start with " + display
                            + ": " + String.join("; ", problems) + ".", display,
                    "Do what prepare-config's manual actions ask (fill in [secrets] and run ciphertool.sh -Dconfigure; "
                            + "give [keystore.primary] a strong key with apim.upgrade.primaryKeystore), then run again.");
        }
    }

    /** What would stop the server; empty when nothing does (or when it cannot be told, e.g. no keystore file yet). */
    static List<String> problems(StepContext context, String tomlText) {
        List<String> out = new ArrayList<>();
        TomlParseResult t = Toml.parse(tomlText);
        TomlTable secrets = t.getTable("secrets");
        if (secrets != null) {
            List<String> pending = secrets.keySet().stream()
                    .filter(k -> Mapping.CHANGE_ME.equals(secrets.get(List.of(k)))).toList();
            if (!pending.isEmpty()) {
                out.add("[secrets] " + String.join(", ", pending) + " still " + Mapping.CHANGE_ME);
            }
        }
        if (context.newHome() == null || !context.newHome().version().matches("([4-9]|\\d\\d+)\\..*")) {
            return out; // 3.1.0 starts with a weaker key; only 4.x refuses it
        }
        String file = string(t, "keystore.primary.file_name", "wso2carbon.jks");
        Path keystore = context.newHome().home().resolve("repository/resources/security").resolve(file);
        if (!Files.isRegularFile(keystore)) {
            return out;
        }
        String password = string(t, "keystore.primary.password", "wso2carbon");
        String type = string(t, "keystore.primary.type", null);
        String alias = string(t, "keystore.primary.alias", "wso2carbon");
        // a $secret{} password is only known to the cipher tool: JKS certificates (and key sizes) still read without it
        PrimaryKeyCheck.Result key = PrimaryKeyCheck.inspect(keystore, type,
                password.startsWith("$secret{") ? null : password, alias);
        if (key.weakRsa()) {
            out.add("the primary key '" + key.alias() + "' of " + file + " is RSA " + key.bits() + " bits (API-M 4.x "
                    + "requires " + PrimaryKeyCheck.MIN_RSA_BITS + " or more)");
        }
        return out;
    }

    private static String string(TomlParseResult t, String key, String dflt) {
        Object v = t.get(key);
        return v instanceof String s ? s : dflt;
    }
}
