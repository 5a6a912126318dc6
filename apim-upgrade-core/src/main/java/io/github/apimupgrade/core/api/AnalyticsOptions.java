package io.github.apimupgrade.core.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * 3.0.0 -> 3.1.0 extras.
 *
 * @param analyticsHome      the new API-M Analytics 3.1.0 home; null skips the analytics step
 * @param scopeRoleMappings  custom role -> internal role whose REST API scopes it needs (e.g. "apicreator" -> "Internal/creator")
 */
public record AnalyticsOptions(Path analyticsHome, Map<String, String> scopeRoleMappings) {

    public static AnalyticsOptions defaults() {
        return new AnalyticsOptions(null, Map.of());
    }
}
