package io.github.apimupgrade.core.config.legacy;

import io.github.apimupgrade.core.config.xml.XmlDocument;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The parts of an old {@code repository/conf/user-mgt.xml} the upgrade needs (the active realm only). */
public final class UserMgtXml {
    private static final String CONFIG = "/UserManager/Realm/Configuration";

    private final XmlDocument doc;

    private UserMgtXml(XmlDocument doc) {
        this.doc = doc;
    }

    public static UserMgtXml read(Path file) {
        return new UserMgtXml(XmlDocument.parse(file));
    }

    public XmlDocument document() {
        return doc;
    }

    public Optional<String> addAdmin() {
        return doc.text(CONFIG + "/AddAdmin");
    }

    public Optional<String> adminRole() {
        return doc.text(CONFIG + "/AdminRole");
    }

    public Optional<String> adminUserName() {
        return doc.text(CONFIG + "/AdminUser/UserName");
    }

    /** The admin password as written (plain); empty when it is a secure-vault alias or absent. */
    public Optional<String> adminPassword() {
        return adminPasswordAlias().isPresent() ? Optional.empty() : doc.text(CONFIG + "/AdminUser/Password");
    }

    public Optional<String> adminPasswordAlias() {
        return doc.element(CONFIG + "/AdminUser/Password").flatMap(LegacyXml::secretAlias);
    }

    public Optional<String> everyoneRoleName() {
        return doc.text(CONFIG + "/EveryOneRoleName");
    }

    /** Realm {@code Property} elements (isCascadeDeleteEnabled, dataSource, ...). */
    public Map<String, String> realmProperties() {
        return LegacyXml.properties(doc.element(CONFIG).orElse(null));
    }

    /** The active (uncommented) primary user store manager. */
    public Optional<Element> userStoreManager() {
        return doc.element("/UserManager/Realm/UserStoreManager");
    }

    public Optional<String> userStoreManagerClass() {
        return userStoreManager().map(e -> e.getAttribute("class")).filter(s -> !s.isBlank());
    }

    public Map<String, String> userStoreProperties() {
        return LegacyXml.properties(userStoreManager().orElse(null));
    }

    /** Secure-vault aliases on user store properties (ConnectionPassword ...), by property name. */
    public Map<String, String> userStorePropertyAliases() {
        Map<String, String> out = new LinkedHashMap<>();
        Element usm = userStoreManager().orElse(null);
        userStoreProperties().keySet().forEach(name -> LegacyXml.property(doc, usm, name)
                .flatMap(LegacyXml::secretAlias).ifPresent(a -> out.put(name, a)));
        return out;
    }

    public Optional<String> authorizationManagerClass() {
        return doc.element("/UserManager/Realm/AuthorizationManager").map(e -> e.getAttribute("class"))
                .filter(s -> !s.isBlank());
    }

    public Map<String, String> authorizationManagerProperties() {
        return LegacyXml.properties(doc.element("/UserManager/Realm/AuthorizationManager").orElse(null));
    }

    /** file:line of the first element the XPath matches (the file when none does). */
    public String where(String xpath) {
        return doc.element(xpath).map(doc::where).orElse(doc.file().toString());
    }

    public String whereUserStoreProperty(String name) {
        Element usm = userStoreManager().orElse(null);
        return LegacyXml.property(doc, usm, name).map(doc::where).orElse(where("/UserManager/Realm/UserStoreManager"));
    }

    public String whereRealmProperty(String name) {
        return LegacyXml.property(doc, doc.element(CONFIG).orElse(null), name).map(doc::where).orElse(where(CONFIG));
    }
}
