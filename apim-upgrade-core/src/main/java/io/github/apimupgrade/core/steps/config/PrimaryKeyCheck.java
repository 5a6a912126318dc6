package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.keystore.KeystoreEntry;
import io.github.apimupgrade.core.config.keystore.KeystoreInspector;
import io.github.apimupgrade.core.config.keystore.KeystoreReport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

/**
 * The size of a keystore's primary key, for the weak-key split of seed step 2.5. With a known store password it
 * asks the shared {@link KeystoreInspector}; when the old password is only known to the secure vault it loads a
 * JKS without the password (no integrity check: the certificates, and so the key sizes, are still readable).
 * Problems become a {@link Result#problem()} rather than a failure: the TOML can be written without this check,
 * and the step turns the problem into a manual action.
 */
final class PrimaryKeyCheck {
    /** The 4.1.0 docs require RSA keys of at least this size for the primary keystore (seed step 2.5). */
    static final int MIN_RSA_BITS = 2048;

    /**
     * @param alias     the key alias the configuration names (null: first key entry)
     * @param algorithm the key algorithm ("RSA", "EC", ...), null when the check failed
     * @param bits      RSA modulus size, or -1
     * @param problem   why the check could not be made, or null
     */
    record Result(String alias, String algorithm, int bits, String problem) {
        boolean weakRsa() {
            return "RSA".equals(algorithm) && bits > 0 && bits < MIN_RSA_BITS;
        }

        boolean known() {
            return problem == null;
        }
    }

    private PrimaryKeyCheck() {
    }

    /**
     * Opens the keystore with {@code password} (null: without an integrity check, enough to read JKS certificates
     * when the password is only known to the secure vault).
     */
    static Result inspect(Path file, String type, String password, String alias) {
        if (!Files.isRegularFile(file)) {
            return new Result(alias, null, -1, "keystore file not found: " + file);
        }
        if (password != null) {
            try {
                KeystoreReport report = KeystoreInspector.inspect(file, type, Secret.of(password));
                Optional<KeystoreEntry> key = report.primaryKey(alias);
                if (key.isEmpty()) {
                    return new Result(alias, null, -1, "no private key entry " + (alias == null ? "" : "'" + alias
                            + "' ") + "in " + file.getFileName());
                }
                KeystoreEntry e = key.get();
                return new Result(e.alias(), e.algorithm(), e.keySize() == null ? -1 : e.keySize(), null);
            } catch (UpgradeException e) {
                return new Result(alias, null, -1, e.getMessage());
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type == null || type.isBlank() ? guessType(file) : type.strip());
            ks.load(in, password == null ? null : password.toCharArray());
            String chosen = alias != null && ks.containsAlias(alias) ? alias : null;
            if (chosen == null) {
                for (String a : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(a)) {
                        chosen = a;
                        break;
                    }
                }
            }
            if (chosen == null) {
                return new Result(alias, null, -1, "no private key entry in " + file.getFileName());
            }
            Certificate cert = ks.getCertificate(chosen);
            if (cert == null) {
                return new Result(chosen, null, -1, "no certificate for alias " + chosen);
            }
            var key = cert.getPublicKey();
            int bits = key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : -1;
            return new Result(chosen, key.getAlgorithm(), bits, null);
        } catch (Exception e) {
            return new Result(alias, null, -1, "cannot open " + file.getFileName() + ": " + e.getMessage());
        }
    }

    static String guessType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx") ? "PKCS12" : "JKS";
    }
}
