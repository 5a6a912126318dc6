package io.github.apimupgrade.core.config.legacy;

import io.github.apimupgrade.core.config.xml.XmlDocument;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small helpers the old-configuration views share. */
final class LegacyXml {
    private LegacyXml() {
    }

    /**
     * The secure-vault alias on an element ({@code svns:secretAlias="..."}), whatever prefix the file bound to the
     * secure-vault namespace; empty when the element holds a plain value.
     */
    static Optional<String> secretAlias(Element e) {
        if (e == null) {
            return Optional.empty();
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String name = a.getName();
            if ((name.equals("secretAlias") || name.endsWith(":secretAlias")) && !a.getValue().isBlank()) {
                return Optional.of(a.getValue().strip());
            }
        }
        return Optional.empty();
    }

    /** {@code <Property name="n">v</Property>} children, in file order. */
    static Map<String, String> properties(Element parent) {
        Map<String, String> out = new LinkedHashMap<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && el.getTagName().equals("Property") && el.hasAttribute("name")) {
                out.put(el.getAttribute("name"), XmlDocument.textOf(el));
            }
        }
        return out;
    }

    static Optional<Element> property(XmlDocument doc, Element parent, String name) {
        return parent == null ? Optional.empty() : doc.element(parent, "Property[@name='" + name + "']");
    }

    /** Every element without element children, as an absolute path ("/APIManager/APIStore/URL"), in file order. */
    static List<XmlLeaf> leaves(XmlDocument doc) {
        List<XmlLeaf> out = new ArrayList<>();
        collect(doc, doc.root(), "", out);
        return out;
    }

    private static void collect(XmlDocument doc, Element e, String parentPath, List<XmlLeaf> out) {
        String path = parentPath + "/" + e.getTagName();
        boolean hasChildren = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                hasChildren = true;
                collect(doc, child, path, out);
            }
        }
        if (!hasChildren) {
            out.add(new XmlLeaf(path, XmlDocument.textOf(e), secretAlias(e).orElse(null), e, doc.where(e)));
        }
    }
}
