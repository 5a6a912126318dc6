package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.api.Secret;

import java.util.Map;

/**
 * One datasource of the old installation, as declared in {@code conf/datasources/*.xml} (or the old TOML),
 * possibly overridden from the POM.
 *
 * @param name            the datasource's own name (WSO2AM_DB, ...); users name them freely
 * @param jndiName        JNDI name the other files refer to (jdbc/WSO2AM_DB)
 * @param url             JDBC URL with XML entities decoded (as a driver needs it)
 * @param password        the password; empty when {@code secretAlias} is set
 * @param secretAlias     secure-vault alias used instead of a password, or null
 * @param poolOptions     every other {@code configuration} child (maxActive, ...), in file order
 * @param origin          file[:line] it was read from, or "POM" for overrides; for error messages
 */
public record Datasource(
        String name,
        String jndiName,
        String url,
        String username,
        Secret password,
        String secretAlias,
        String driverClassName,
        String validationQuery,
        Map<String, String> poolOptions,
        String origin) {

    public boolean usesSecureVault() {
        return secretAlias != null && !secretAlias.isBlank();
    }

    public boolean isH2() {
        return url != null && url.startsWith("jdbc:h2:");
    }

    /** Same database as another datasource: same URL and user. */
    public boolean sameDatabaseAs(Datasource other) {
        return other != null && url != null && url.equals(other.url)
                && java.util.Objects.equals(username, other.username);
    }

    public Datasource withCredentials(String newUser, Secret newPassword) {
        return new Datasource(name, jndiName, url, newUser == null ? username : newUser,
                newPassword == null ? password : newPassword, newPassword == null ? secretAlias : null,
                driverClassName, validationQuery, poolOptions, origin);
    }

    @Override
    public String toString() {
        return name + " (" + jndiName + ", " + url + ", user " + username + ")";
    }
}
