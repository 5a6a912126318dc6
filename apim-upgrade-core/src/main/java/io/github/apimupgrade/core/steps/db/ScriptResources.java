package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.SqlScript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads the plugin's own scripts from {@code io/github/apimupgrade/core/sql/<script>/<dialect>.sql}.
 * (Stands in until the shared SqlScripts catalog loader is on main.)
 */
final class ScriptResources {
    private static final String ROOT = "/io/github/apimupgrade/core/sql/";

    private ScriptResources() {
    }

    static SqlScript load(String script, String dialect) {
        String id = script + "/" + dialect + ".sql";
        try (InputStream in = ScriptResources.class.getResourceAsStream(ROOT + id)) {
            if (in == null) {
                throw UpgradeException.environment(ErrorCode.INTERNAL, "The plugin has no script " + id + ".", id,
                        "Report this: every script ships for h2, mysql, mariadb, postgresql, oracle, mssql and db2.", null);
            }
            return SqlScript.of(id, dialect, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read script " + id + ": " + e.getMessage(),
                    id, null, e);
        }
    }
}
