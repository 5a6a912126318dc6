package io.github.apimupgrade.core.config.toml;

import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.event.Redactor;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Secrets of a deployment.toml whose key names the redactor's patterns do not recognise: {@code [encryption] key},
 * the SymmetricKeyInternalCryptoProvider key (4.x; the 4.0.0 -> 4.1.0 guide carries it over). Registered with the
 * session's redactor, so diffs, plans and reports never show it.
 */
public final class TomlSecrets {
    private static final List<String> KEYS = List.of("encryption.key");

    private TomlSecrets() {
    }

    public static void register(Redactor redactor, Installation... homes) {
        for (Installation home : homes) {
            if (home == null || !home.tomlEra() || !Files.isRegularFile(home.deploymentToml())) {
                continue;
            }
            try {
                TomlParseResult t = Toml.parse(home.deploymentToml());
                for (String key : KEYS) {
                    if (t.get(key) instanceof String value && !value.isBlank()) {
                        redactor.register(value);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable or malformed file is reported by the step that reads it
            }
        }
    }
}
