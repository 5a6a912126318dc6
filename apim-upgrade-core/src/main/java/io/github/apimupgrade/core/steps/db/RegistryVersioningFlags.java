package io.github.apimupgrade.core.steps.db;

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
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the old installation versioned registry properties, comments, tags and ratings.
 * <ul>
 *   <li>XML era (2.x): {@code repository/conf/registry.xml}, {@code <staticConfiguration>}'s
 *       {@code versioningProperties}, {@code versioningComments}, {@code versioningTags}, {@code versioningRatings};
 *       an absent element is false (the registry kernel's default).</li>
 *   <li>TOML era (3.x): {@code [registry.static_configuration] enable = true} turns all four on (the default is
 *       off); {@code versioning_properties} and the like, where present, set one each.</li>
 * </ul>
 *
 * @param source the file read, relative to the old home, for messages
 */
public record RegistryVersioningFlags(boolean properties, boolean comments, boolean tags, boolean ratings, String source) {

    public boolean any() {
        return properties || comments || tags || ratings;
    }

    public boolean all() {
        return properties && comments && tags && ratings;
    }

    /** The REG_RESOURCE_* link tables whose rows are versioned, in the scripts' order. */
    public List<String> versionedTables() {
        List<String> out = new ArrayList<>();
        if (properties) out.add("REG_RESOURCE_PROPERTY");
        if (tags) out.add("REG_RESOURCE_TAG");
        if (comments) out.add("REG_RESOURCE_COMMENT");
        if (ratings) out.add("REG_RESOURCE_RATING");
        return out;
    }

    public String describe() {
        return "versioningProperties=" + properties + ", versioningComments=" + comments + ", versioningTags=" + tags
                + ", versioningRatings=" + ratings + " in " + source;
    }

    public static RegistryVersioningFlags read(Installation old, Workspace workspace) {
        return old.tomlEra() ? fromToml(old, workspace) : fromRegistryXml(old, workspace);
    }

    private static RegistryVersioningFlags fromRegistryXml(Installation old, Workspace workspace) {
        Path file = old.conf().resolve("registry.xml");
        String display = old.display(file);
        String xml = workspace.require(file, "The old installation's registry.xml");
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null); // errors become exceptions below, not lines on stderr
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE,
                    display + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage(),
                    file + ":" + e.getLineNumber(), "Fix the XML at that line; the old server could not have read it either.", e);
        } catch (Exception e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, display + ": cannot be parsed: " + e.getMessage(),
                    file.toString(), "Check that the file is the registry.xml of API Manager.", e);
        }
        Element sc = child(doc.getDocumentElement(), "staticConfiguration");
        return new RegistryVersioningFlags(flag(sc, "versioningProperties"), flag(sc, "versioningComments"),
                flag(sc, "versioningTags"), flag(sc, "versioningRatings"), display);
    }

    private static RegistryVersioningFlags fromToml(Installation old, Workspace workspace) {
        Path file = old.deploymentToml();
        String display = old.display(file);
        TomlParseResult toml = Toml.parse(workspace.require(file, "The old installation's deployment.toml"));
        if (toml.hasErrors()) {
            var err = toml.errors().get(0);
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE,
                    display + ":" + err.position().line() + ": " + err.getMessage(),
                    file + ":" + err.position().line(), "Fix the TOML at that line.");
        }
        boolean all = bool(toml, "registry.static_configuration.enable", false);
        return new RegistryVersioningFlags(
                bool(toml, "registry.static_configuration.versioning_properties", all),
                bool(toml, "registry.static_configuration.versioning_comments", all),
                bool(toml, "registry.static_configuration.versioning_tags", all),
                bool(toml, "registry.static_configuration.versioning_ratings", all), display);
    }

    private static boolean bool(TomlParseResult toml, String key, boolean dflt) {
        Object v = toml.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof String s ? Boolean.parseBoolean(s.trim()) : dflt;
    }

    private static boolean flag(Element parent, String name) {
        Element e = child(parent, name);
        return e != null && e.getTextContent().trim().toLowerCase(Locale.ROOT).equals("true");
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
