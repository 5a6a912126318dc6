package io.github.apimupgrade.core.api;

/**
 * What the POM says about one datasource role. Every field may be null (= keep what was discovered).
 * {@code password} comes from settings.xml (decrypted by the Maven side) or the environment, never from the POM text.
 */
public record DatasourceOverride(String role, String url, String username, Secret password, String driver,
                                 String datasourceName) {
}
