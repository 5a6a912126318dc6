package io.github.apimupgrade.core.config.keystore;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link KeystoreInspector} found in one keystore file.
 *
 * @param file    the keystore file
 * @param type    "JKS", "PKCS12" or "JCEKS"
 * @param entries every entry, in alias order
 */
public record KeystoreReport(Path file, String type, List<KeystoreEntry> entries) {

    public KeystoreReport {
        entries = List.copyOf(entries);
    }

    public Optional<KeystoreEntry> entry(String alias) {
        String wanted = alias.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.alias().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    public List<KeystoreEntry> keys() {
        return entries.stream().filter(e -> e.kind() == KeystoreEntry.Kind.KEY).toList();
    }

    /**
     * The primary key: the private key entry named {@code alias} (carbon.xml KeyAlias), or, with a null alias,
     * the first private key entry. Empty when there is none (a truststore).
     */
    public Optional<KeystoreEntry> primaryKey(String alias) {
        if (alias != null && !alias.isBlank()) {
            return entry(alias.trim()).filter(e -> e.kind() == KeystoreEntry.Kind.KEY);
        }
        return keys().stream().findFirst();
    }

    /** True when the primary key (see {@link #primaryKey(String)}) is RSA below 2048 bits. */
    public boolean isPrimaryKeyWeak(String alias) {
        return primaryKey(alias).map(KeystoreEntry::isWeakRsa).orElse(false);
    }

    /** True when any private key entry is RSA below 2048 bits. */
    public boolean hasWeakKey() {
        return keys().stream().anyMatch(KeystoreEntry::isWeakRsa);
    }
}
