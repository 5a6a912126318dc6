package io.github.apimupgrade.core.config.keystore;

import java.security.SecureRandom;

/**
 * The primary keystore the plugin creates when the old primary key is below 2048 bits and the POM names no strong
 * one (seed step 2.5): prepare-config points {@code [keystore.primary]} at it, migrate-resources creates it and trusts
 * its certificate. A file name of its own, so the new pack's wso2carbon.jks and the old weak keystore (kept as
 * {@code [keystore.internal]} and {@code [keystore.tls]}) are never confused with it.
 */
public final class GeneratedPrimaryKeystore {
    public static final String FILE = "apim-upgrade-primary.jks";
    public static final String ALIAS = "apim-upgrade-primary";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private GeneratedPrimaryKeystore() {
    }

    /** A fresh random store password (24 characters, no quoting trouble in TOML or XML). */
    public static String newPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
