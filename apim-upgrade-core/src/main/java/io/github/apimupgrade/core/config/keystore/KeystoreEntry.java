package io.github.apimupgrade.core.config.keystore;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a keystore, described from its certificate (private keys are never read).
 *
 * @param alias     the entry alias (lower case for JKS/PKCS12, as the JDK reports it)
 * @param kind      private key, trusted certificate or secret key
 * @param algorithm public key algorithm ("RSA", "EC", "DSA", ...); null when unknown (secret keys)
 * @param keySize   key size in bits for RSA/EC/DSA; null when unknown
 * @param subject   certificate subject (RFC 2253); null without a certificate
 * @param notAfter  certificate expiry; null without a certificate
 */
public record KeystoreEntry(String alias, Kind kind, String algorithm, Integer keySize, String subject, Instant notAfter) {

    /** What the entry holds. */
    public enum Kind {
        KEY, CERT, SECRET
    }

    /** RSA keys below 2048 bits: the 4.1.0 docs require a stronger primary key. */
    public static final int MIN_RSA_BITS = 2048;

    public boolean isWeakRsa() {
        return "RSA".equals(algorithm) && keySize != null && keySize < MIN_RSA_BITS;
    }

    public Optional<Integer> size() {
        return Optional.ofNullable(keySize);
    }

    /** Short text for plan notes, e.g. {@code wso2carbon: key RSA 1024 bits, CN=localhost, expires 2027-01-01T00:00:00Z}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(alias).append(": ").append(kind.name().toLowerCase());
        if (algorithm != null) {
            sb.append(' ').append(algorithm);
        }
        if (keySize != null) {
            sb.append(' ').append(keySize).append(" bits");
        }
        if (subject != null) {
            sb.append(", ").append(subject);
        }
        if (notAfter != null) {
            sb.append(", expires ").append(notAfter);
        }
        return sb.toString();
    }
}
