package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.config.legacy.CarbonXml;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.xml.XmlDocument;
import io.github.apimupgrade.core.steps.Workspace;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.w3c.dom.Element;

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
        List<KeystoreConfig> out = new ArrayList<>();
        if (!workspace.exists(carbonXml)) {
            return out;
        }
        // KeyStore, InternalKeyStore, TrustStore, and any other keystore element a customised carbon.xml has
        for (CarbonXml.KeystoreRef ks : CarbonXml.read(carbonXml).keystores()) {
            String role = switch (ks.element()) {
                case "KeyStore" -> "primary";
                case "InternalKeyStore" -> "internal";
                case "TrustStore" -> "truststore";
                default -> ks.element();
            };
            String origin = home.display(carbonXml) + ":" + ks.line() + " Security/" + ks.element();
            out.add(new KeystoreConfig(role, ks.resolve(home.home()), ks.declaredType(), ks.password(), ks.keyAlias(), origin));
        }
        Path catalina = home.conf().resolve("tomcat/catalina-server.xml");
        if (workspace.exists(catalina)) {
            XmlDocument tomcat = XmlDocument.parse(catalina);
            for (Element c : tomcat.elements("//Connector[@keystoreFile]")) {
                String pass = c.getAttribute("keystorePass");
                out.add(new KeystoreConfig("tls", resolve(home, c.getAttribute("keystoreFile")),
                        c.hasAttribute("keystoreType") ? c.getAttribute("keystoreType") : null,
                        pass.isEmpty() || pass.startsWith("$") ? null : pass,
                        c.hasAttribute("keyAlias") ? c.getAttribute("keyAlias") : null,
                        home.display(catalina) + ":" + tomcat.line(c) + " Connector keystoreFile"));
            }
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
}
