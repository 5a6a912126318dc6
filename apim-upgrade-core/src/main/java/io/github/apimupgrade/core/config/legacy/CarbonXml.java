package io.github.apimupgrade.core.config.legacy;

import io.github.apimupgrade.core.config.xml.XmlDocument;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An old {@code repository/conf/carbon.xml}. The file declares a default namespace; {@link XmlDocument} parses
 * namespace-unaware, so plain paths such as {@code /Server/HostName} match.
 */
public final class CarbonXml {
    private final XmlDocument doc;

    private CarbonXml(XmlDocument doc) {
        this.doc = doc;
    }

    public static CarbonXml read(Path file) {
        return new CarbonXml(XmlDocument.parse(file));
    }

    public XmlDocument document() {
        return doc;
    }

    /** Absent in stock 2.6.0 (commented out). */
    public Optional<String> hostName() {
        return doc.text("/Server/HostName");
    }

    public Optional<String> mgtHostName() {
        return doc.text("/Server/MgtHostName");
    }

    public Optional<String> offset() {
        return doc.text("/Server/Ports/Offset");
    }

    /**
     * A keystore declaration under {@code Server/Security}.
     *
     * @param element          the element's name (KeyStore, InternalKeyStore, TrustStore, or a custom one)
     * @param location         as written (usually with {@code ${carbon.home}})
     * @param declaredType     the Type element as written, or null (Carbon then uses JKS: see {@link #type()})
     * @param password         plain store password, null when it is a secure-vault alias
     * @param passwordAlias    secure-vault alias of the store password, or null
     * @param keyPassword      plain key password (null for the trust store or with an alias)
     * @param keyPasswordAlias secure-vault alias of the key password, or null
     * @param where            file:line of the element
     * @param line             the element's line
     */
    public record KeystoreRef(String element, String location, String declaredType, String password, String passwordAlias,
                              String keyAlias, String keyPassword, String keyPasswordAlias, String where, int line) {

        /** The store type Carbon uses: the declared one, else JKS. */
        public String type() {
            return declaredType == null ? "JKS" : declaredType;
        }

        /** The file name only (4.1.0 expects keystores in repository/resources/security). */
        public String fileName() {
            String l = location.replace('\\', '/');
            return l.substring(l.lastIndexOf('/') + 1);
        }

        /** The file in {@code home}: {@code ${carbon.home}} replaced, relative paths taken from the home. */
        public Path resolve(Path home) {
            String l = location.trim().replace("${carbon.home}", home.toAbsolutePath().toString());
            Path p = Path.of(l);
            return (p.isAbsolute() ? p : home.resolve(p)).normalize();
        }
    }

    /** Security/KeyStore: the primary keystore. */
    public Optional<KeystoreRef> keyStore() {
        return keystore("KeyStore");
    }

    public Optional<KeystoreRef> internalKeyStore() {
        return keystore("InternalKeyStore");
    }

    public Optional<KeystoreRef> trustStore() {
        return keystore("TrustStore");
    }

    public String where(String xpath) {
        return doc.element(xpath).map(doc::where).orElse(doc.file().toString());
    }

    /** Every keystore declared under Server/Security (any element with a Location), in file order. */
    public List<KeystoreRef> keystores() {
        return doc.elements("/Server/Security/*[Location]").stream().map(this::ref).flatMap(Optional::stream).toList();
    }

    private Optional<KeystoreRef> keystore(String element) {
        return doc.element("/Server/Security/" + element).flatMap(this::ref);
    }

    private Optional<KeystoreRef> ref(Element e) {
        String location = doc.text(e, "Location").orElse(null);
        if (location == null) {
            return Optional.empty();
        }
        Optional<String> pwAlias = doc.element(e, "Password").flatMap(LegacyXml::secretAlias);
        Optional<String> keyPwAlias = doc.element(e, "KeyPassword").flatMap(LegacyXml::secretAlias);
        return Optional.of(new KeystoreRef(e.getTagName(), location, doc.text(e, "Type").orElse(null),
                pwAlias.isPresent() ? null : doc.text(e, "Password").orElse(null), pwAlias.orElse(null),
                doc.text(e, "KeyAlias").orElse(null),
                keyPwAlias.isPresent() ? null : doc.text(e, "KeyPassword").orElse(null), keyPwAlias.orElse(null),
                doc.where(e), doc.line(e)));
    }
}
