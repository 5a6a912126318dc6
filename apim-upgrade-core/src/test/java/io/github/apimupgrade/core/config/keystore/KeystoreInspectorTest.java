package io.github.apimupgrade.core.config.keystore;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeystoreInspectorTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12"})
    void weakRsaKeyIsReportedForBothTypes(String type) {
        Path ks = Keytool.genKeyPair(dir.resolve("wso2carbon." + type.toLowerCase()), type, "wso2carbon", "wso2carbon", "RSA", 1024);

        KeystoreReport report = KeystoreInspector.inspect(ks, Secret.of("wso2carbon"));

        assertEquals(type, report.type());
        assertEquals(1, report.entries().size());
        KeystoreEntry e = report.entries().get(0);
        assertEquals("wso2carbon", e.alias());
        assertEquals(KeystoreEntry.Kind.KEY, e.kind());
        assertEquals("RSA", e.algorithm());
        assertEquals(1024, e.keySize());
        assertEquals("CN=wso2carbon,O=Test", e.subject());
        Instant in365 = Instant.now().plus(365, ChronoUnit.DAYS);
        assertTrue(Math.abs(ChronoUnit.DAYS.between(e.notAfter(), in365)) <= 1, "expiry about a year ahead: " + e.notAfter());
        assertTrue(report.isPrimaryKeyWeak(null));
        assertTrue(report.isPrimaryKeyWeak("wso2carbon"));
        assertTrue(report.hasWeakKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12"})
    void strongRsaKeyIsNotWeak(String type) {
        Path ks = Keytool.genKeyPair(dir.resolve("strong"), type, "secret1", "primary", "RSA", 2048);

        KeystoreReport report = KeystoreInspector.inspect(ks, type, Secret.of("secret1"));

        assertEquals(2048, report.primaryKey(null).orElseThrow().keySize());
        assertFalse(report.isPrimaryKeyWeak(null));
        assertFalse(report.hasWeakKey());
    }

    @Test
    void primaryKeyIsTheNamedAliasAndEcSizeIsReported() {
        Path ks = dir.resolve("mixed.p12");
        Keytool.genKeyPair(ks, "PKCS12", "pw12345", "old", "RSA", 1024);
        Keytool.genKeyPair(ks, "PKCS12", "pw12345", "newkey", "EC", 256);

        KeystoreReport report = KeystoreInspector.inspect(ks, Secret.of("pw12345"));

        assertEquals(2, report.keys().size());
        KeystoreEntry ec = report.entry("newkey").orElseThrow();
        assertEquals("EC", ec.algorithm());
        assertEquals(256, ec.keySize());
        assertFalse(report.isPrimaryKeyWeak("newkey"));
        assertTrue(report.isPrimaryKeyWeak("old"));
        assertFalse(report.isPrimaryKeyWeak("absent"), "no such key: nothing to call weak");
        assertTrue(report.hasWeakKey());
        assertEquals("newkey: key EC 256 bits, CN=newkey,O=Test, expires " + ec.notAfter(), ec.describe());
    }

    @Test
    void truststoreEntriesAreCertificates() {
        Path ks = Keytool.genKeyPair(dir.resolve("src.jks"), "JKS", "wso2carbon", "gateway", "RSA", 2048);
        Path trust = Keytool.trust(ks, "wso2carbon", "gateway", dir.resolve("client-truststore.jks"), "JKS", "wso2carbon");

        KeystoreReport report = KeystoreInspector.inspect(trust, Secret.of("wso2carbon"));

        KeystoreEntry e = report.entry("gateway").orElseThrow();
        assertEquals(KeystoreEntry.Kind.CERT, e.kind());
        assertEquals(2048, e.keySize());
        assertTrue(report.keys().isEmpty());
        assertTrue(report.primaryKey(null).isEmpty());
        assertFalse(report.isPrimaryKeyWeak(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12"})
    void wrongPasswordNamesTheFileAndTheFix(String type) {
        Path ks = Keytool.genKeyPair(dir.resolve("wso2carbon.jks"), type, "wso2carbon", "wso2carbon", "RSA", 2048);

        UpgradeException e = assertThrows(UpgradeException.class, () -> KeystoreInspector.inspect(ks, Secret.of("nope-wrong")));

        assertEquals(ErrorCode.CREDENTIALS, e.code());
        assertEquals(UpgradeException.Kind.USER, e.kind());
        assertTrue(e.getMessage().contains(ks.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("nope-wrong"));
        assertTrue(e.hint().contains("keytool -list -keystore " + ks), e.hint());
        assertEquals(ks.toString(), e.location());
    }

    @Test
    void notAKeystoreIsAUserError() throws Exception {
        Path f = Files.writeString(dir.resolve("wso2carbon.jks"), "hello", StandardCharsets.UTF_8);

        UpgradeException e = assertThrows(UpgradeException.class, () -> KeystoreInspector.inspect(f, Secret.of("x")));

        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.getMessage().contains(f.toString()));
    }

    @Test
    void missingFileIsAUserError() {
        Path f = dir.resolve("absent.jks");

        UpgradeException e = assertThrows(UpgradeException.class, () -> KeystoreInspector.inspect(f, Secret.of("x")));

        assertEquals(UpgradeException.Kind.USER, e.kind());
        assertTrue(e.getMessage().contains(f.toString()));
    }

    @Test
    void configuredTypeContradictingTheFileIsAUserError() {
        Path ks = Keytool.genKeyPair(dir.resolve("real.p12"), "PKCS12", "pw12345", "k", "RSA", 2048);

        UpgradeException e = assertThrows(UpgradeException.class, () -> KeystoreInspector.inspect(ks, "JKS", Secret.of("pw12345")));

        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.hint().contains("PKCS12"), e.hint());
        assertEquals("PKCS12", KeystoreInspector.detectType(ks));
        assertNull(KeystoreInspector.keySize(new java.security.PublicKey() {
            @Override public String getAlgorithm() { return "X"; }
            @Override public String getFormat() { return null; }
            @Override public byte[] getEncoded() { return new byte[0]; }
        }));
    }
}
