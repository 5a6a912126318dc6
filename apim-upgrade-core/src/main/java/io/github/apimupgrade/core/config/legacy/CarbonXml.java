package io.github.apimupgrade.core.config.legacy;

import io.github.apimupgrade.core.config.xml.XmlDocument;
import org.w3c.dom.Element;

import java.nio.file.Path;
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
     * @param location         as written (usually with {@code ${carbon.home}})
     * @param password         plain store password, null when it is a secure-vault alias
     * @param passwordAlias    secure-vault alias of the store password, or null
     * @param keyPassword      plain key password (null for the trust store or with an alias)
     * @param keyPasswordAlias secure-vault alias of the key password, or null
     * @param where            file:line of the element
     */
    public record KeystoreRef(String location, String type, String password, String passwordAlias, String keyAlias,
                              String keyPassword, String keyPasswordAlias, String where) {

        /** The file name only (4.1.0 expects keystores in repository/resources/security). */
        public String fileName() {
            String l = location.replace('\\', '/');
            return l.substring(l.lastIndexOf('/') + 1);
        }

        /** The file in {@code home}: {@code ${carbon.home}} replaced, relative paths taken from the home. */
        public Path resolve(Path home) {
            String l = location.replace("${carbon.home}", home.toAbsolutePath().toString());
            Path p = Path.of(l);
            return p.isAbsolute() ? p : home.resolve(p);
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

    private Optional<KeystoreRef> keystore(String element) {
        Optional<Element> ks = doc.element("/Server/Security/" + element);
        if (ks.isEmpty()) {
            return Optional.empty();
        }
        Element e = ks.get();
        String location = doc.text(e, "Location").orElse(null);
        if (location == null) {
            return Optional.empty();
        }
        Optional<String> pwAlias = doc.element(e, "Password").flatMap(LegacyXml::secretAlias);
        Optional<String> keyPwAlias = doc.element(e, "KeyPassword").flatMap(LegacyXml::secretAlias);
        return Optional.of(new KeystoreRef(location, doc.text(e, "Type").orElse("JKS"),
                pwAlias.isPresent() ? null : doc.text(e, "Password").orElse(null), pwAlias.orElse(null),
                doc.text(e, "KeyAlias").orElse(null),
                keyPwAlias.isPresent() ? null : doc.text(e, "KeyPassword").orElse(null), keyPwAlias.orElse(null),
                doc.where(e)));
    }
}
