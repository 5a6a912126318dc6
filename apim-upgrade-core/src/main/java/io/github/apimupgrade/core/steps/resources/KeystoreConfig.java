package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.steps.Workspace;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keystores an old home is configured with: carbon.xml {@code Security/KeyStore}, {@code InternalKeyStore},
 * {@code TrustStore} (2.x), or deployment.toml {@code [keystore.primary|internal|tls]}, {@code [truststore]} (3.x).
 *
 * @param role     "primary", "internal", "tls" or "truststore"
 * @param file     resolved file (${carbon.home} replaced); for TOML, the base name under repository/resources/security
 * @param type     configured type, or null
 * @param password configured password, or null when unknown (secure vault alias, absent)
 * @param alias    key alias, or null
 * @param origin   where it was read (file and element)
 */
record KeystoreConfig(String role, Path file, String type, String password, String alias, String origin) {

    static List<KeystoreConfig> read(Installation home, Workspace workspace) {
        return home.tomlEra() ? fromToml(home, workspace) : fromCarbonXml(home, workspace);
    }

    private static List<KeystoreConfig> fromCarbonXml(Installation home, Workspace workspace) {
        Path carbonXml = home.conf().resolve("carbon.xml");
        Optional<String> text = workspace.read(carbonXml);
        List<KeystoreConfig> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        Document doc = parse(carbonXml, text.get());
        Element security = child(doc.getDocumentElement(), "Security");
        if (security == null) {
            return out;
        }
        String[][] roles = {{"KeyStore", "primary"}, {"InternalKeyStore", "internal"}, {"TrustStore", "truststore"}};
        for (String[] r : roles) {
            Element ks = child(security, r[0]);
            if (ks == null) {
                continue;
            }
            String location = text(child(ks, "Location"));
            if (location == null) {
                continue;
            }
            Path file = resolve(home, location);
            out.add(new KeystoreConfig(r[1], file, text(child(ks, "Type")), password(child(ks, "Password")),
                    text(child(ks, "KeyAlias")), home.display(carbonXml) + " Security/" + r[0]));
        }
        return out;
    }

    private static List<KeystoreConfig> fromToml(Installation home, Workspace workspace) {
        Path toml = home.deploymentToml();
        Optional<String> text = workspace.read(toml);
        List<KeystoreConfig> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        TomlParseResult t = Toml.parse(text.get());
        Path security = home.home().resolve("repository/resources/security");
        String[][] tables = {{"keystore.primary", "primary", "wso2carbon.jks", "wso2carbon"},
                {"keystore.internal", "internal", null, null}, {"keystore.tls", "tls", null, null},
                {"truststore", "truststore", "client-truststore.jks", null}};
        for (String[] tb : tables) {
            String fileName = t.getString(tb[0] + ".file_name");
            if (fileName == null) {
                fileName = tb[2];
            }
            if (fileName == null) {
                continue;
            }
            String password = t.getString(tb[0] + ".password");
            if (password == null && t.get(tb[0] + ".password") == null) {
                password = "wso2carbon"; // the 3.x default.json default for every store
            }
            if (password != null && password.startsWith("$secret{")) {
                password = null;
            }
            out.add(new KeystoreConfig(tb[1], security.resolve(fileName), t.getString(tb[0] + ".type"), password,
                    t.getString(tb[0] + ".alias") != null ? t.getString(tb[0] + ".alias") : tb[3],
                    home.display(toml) + " [" + tb[0] + "]"));
        }
        return out;
    }

    private static Path resolve(Installation home, String location) {
        String l = location.trim().replace("${carbon.home}", home.home().toString());
        Path p = Path.of(l);
        return p.isAbsolute() ? p.normalize() : home.home().resolve(p).normalize();
    }

    private static Document parse(Path file, String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(text)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Cannot parse " + file + ": " + e.getMessage(), file.toString(),
                    "Fix the XML syntax of " + file.getFileName() + ".", e);
        }
    }

    private static Element child(Element parent, String localName) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }

    // An element carrying svns:secretAlias has its password in the secure vault: unknown here.
    private static String password(Element e) {
        if (e == null) {
            return null;
        }
        if (e.hasAttributeNS("http://org.wso2.securevault/configuration", "secretAlias") || e.hasAttribute("svns:secretAlias")) {
            return null;
        }
        return text(e);
    }
}
