package io.github.apimupgrade.core.config.keystore;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Opens a JKS / PKCS12 / JCEKS keystore with {@link KeyStore} and describes its entries from their certificates.
 * Only the store password is needed: private keys are never recovered, their algorithm and size come from the
 * certificate's public key.
 */
public final class KeystoreInspector {

    private static final int JKS_MAGIC = 0xFEEDFEED;
    private static final int JCEKS_MAGIC = 0xCECECECE;

    private KeystoreInspector() {
    }

    /** Inspects {@code file}; its type is detected from the file's content. */
    public static KeystoreReport inspect(Path file, Secret password) {
        return inspect(file, null, password);
    }

    /**
     * Inspects {@code file}.
     *
     * @param type     "JKS", "PKCS12" or "JCEKS" as configured (carbon.xml {@code <Type>}); null or blank: detect
     *                 from the file. A configured type that contradicts the file is a user error.
     * @param password the store password
     */
    public static KeystoreReport inspect(Path file, String type, Secret password) {
        String detected = detectType(file);
        String effective = detected;
        if (type != null && !type.isBlank()) {
            String configured = normalise(type);
            if (!configured.equals(detected)) {
                throw UpgradeException.user(ErrorCode.MALFORMED_FILE,
                        "Keystore " + file + " is configured as " + configured + " but the file is a " + detected + " keystore",
                        file.toString(),
                        "Set the keystore type to " + detected + " (carbon.xml <Type> / deployment.toml type), or point the location at the "
                                + configured + " file.");
            }
            effective = configured;
        }
        KeyStore store = load(file, effective, password);
        try {
            List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
            Collections.sort(aliases);
            List<KeystoreEntry> entries = new ArrayList<>();
            for (String alias : aliases) {
                entries.add(describe(store, alias));
            }
            return new KeystoreReport(file, effective, entries);
        } catch (KeyStoreException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list the entries of keystore " + file + ": " + e.getMessage(),
                    file.toString(), "Check the file with: keytool -list -v -keystore " + file, e);
        }
    }

    /** The keystore type from the file's first bytes: JKS and JCEKS have a magic number, PKCS12 is a DER sequence. */
    public static String detectType(Path file) {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "Keystore " + file + " does not exist", file.toString(),
                    "Copy the keystore to " + file + " or correct the configured keystore location.", e);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read keystore " + file + ": " + e.getMessage(), file.toString(),
                    "Check that the file is readable by the user running the upgrade.", e);
        }
        if (read == 4) {
            int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            if (magic == JKS_MAGIC) {
                return "JKS";
            }
            if (magic == JCEKS_MAGIC) {
                return "JCEKS";
            }
        }
        if (read >= 1 && head[0] == 0x30) {
            return "PKCS12";
        }
        throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "File " + file + " is not a JKS, JCEKS or PKCS12 keystore", file.toString(),
                "Point the keystore location at a real keystore; check it with: keytool -list -keystore " + file);
    }

    private static String normalise(String type) {
        String t = type.trim().toUpperCase(Locale.ROOT);
        return t.equals("P12") || t.equals("PFX") ? "PKCS12" : t;
    }

    private static KeyStore load(Path file, String type, Secret password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Keystore type " + type + " of " + file + " is not supported by this JVM",
                    file.toString(), "Use a JKS or PKCS12 keystore.", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.reveal().toCharArray());
            return store;
        } catch (IOException e) {
            if (isWrongPassword(e)) {
                throw UpgradeException.user(ErrorCode.CREDENTIALS, "Wrong password for keystore " + file, file.toString(),
                        "Give the store password of " + file.getFileName() + " (the <Password> of its carbon.xml entry, or its "
                                + "[keystore]/[truststore] password); check it with: keytool -list -keystore " + file, e);
            }
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Cannot read keystore " + file + " as " + type + ": " + e.getMessage(),
                    file.toString(), "Check the file with: keytool -list -keystore " + file + " -storetype " + type, e);
        } catch (GeneralSecurityException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Cannot read keystore " + file + " as " + type + ": " + e.getMessage(),
                    file.toString(), "Check the file with: keytool -list -keystore " + file + " -storetype " + type, e);
        }
    }

    /** The JDK reports a wrong store password as an IOException whose cause is an UnrecoverableKeyException (JKS and PKCS12). */
    private static boolean isWrongPassword(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException) {
                return true;
            }
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("password was incorrect") || m.contains("password incorrect");
    }

    private static KeystoreEntry describe(KeyStore store, String alias) throws KeyStoreException {
        KeystoreEntry.Kind kind;
        if (store.isKeyEntry(alias)) {
            Certificate[] chain = store.getCertificateChain(alias);
            kind = chain == null || chain.length == 0 ? KeystoreEntry.Kind.SECRET : KeystoreEntry.Kind.KEY;
        } else {
            kind = KeystoreEntry.Kind.CERT;
        }
        Certificate cert = store.getCertificate(alias);
        if (cert == null) {
            return new KeystoreEntry(alias, kind, null, null, null, null);
        }
        PublicKey key = cert.getPublicKey();
        String subject = null;
        java.time.Instant notAfter = null;
        if (cert instanceof X509Certificate x509) {
            subject = x509.getSubjectX500Principal().getName();
            notAfter = x509.getNotAfter().toInstant();
        }
        return new KeystoreEntry(alias, kind, key.getAlgorithm(), keySize(key), subject, notAfter);
    }

    static Integer keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        return null;
    }
}
