package io.github.apimupgrade.core.config.xml;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A WSO2 XML configuration file parsed into a DOM whose elements remember their line, so that every message
 * can say {@code file:line}. Parsed namespace-unaware (carbon.xml's default namespace would otherwise get in
 * the way of plain XPath); prefixed attributes such as {@code svns:secretAlias} keep their qualified names.
 * DTDs and external entities are refused (these files never need them).
 */
public final class XmlDocument {
    private static final String LINE = "apim-upgrade.line";

    private final Path file;
    private final Document document;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    private XmlDocument(Path file, Document document) {
        this.file = file;
        this.document = document;
    }

    /** Parses the file; malformed XML fails naming the file, line and column. */
    public static XmlDocument parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            SAXParserFactory spf = SAXParserFactory.newInstance();
            spf.setNamespaceAware(false);
            spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            spf.setFeature("http://xml.org/sax/features/external-general-entities", false);
            spf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            Document doc = dbf.newDocumentBuilder().newDocument();
            spf.newSAXParser().parse(in, new LineRecordingHandler(doc));
            return new XmlDocument(file, doc);
        } catch (SAXParseException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE,
                    "Malformed XML in " + file + " at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                            + ": " + e.getMessage(),
                    file + ":" + e.getLineNumber(), "Fix the XML at that line (the old server would not start with it either).", e);
        } catch (SAXException | ParserConfigurationException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Cannot parse " + file + ": " + e.getMessage(),
                    file.toString(), "Check that the file is well-formed XML.", e);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage(),
                    file.toString(), "Check file permissions.", e);
        }
    }

    public Path file() {
        return file;
    }

    public Element root() {
        return document.getDocumentElement();
    }

    /** {@code file:line} of an element, for messages. */
    public String where(Node node) {
        Object line = node == null ? null : node.getUserData(LINE);
        return line == null ? file.toString() : file + ":" + line;
    }

    public int line(Node node) {
        Object line = node.getUserData(LINE);
        return line == null ? 0 : (Integer) line;
    }

    /** Elements matching an XPath relative to the document (e.g. {@code /APIManager/DataSourceName}). */
    public List<Element> elements(String expression) {
        return elements(document, expression);
    }

    public List<Element> elements(Node context, String expression) {
        try {
            NodeList nodes = (NodeList) xpath.evaluate(expression, context, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>(nodes.getLength());
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element el) {
                    out.add(el);
                }
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad XPath " + expression, e);
        }
    }

    public Optional<Element> element(String expression) {
        List<Element> all = elements(expression);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public Optional<Element> element(Node context, String expression) {
        List<Element> all = elements(context, expression);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Trimmed text of the first match, if any and not blank. */
    public Optional<String> text(String expression) {
        return element(expression).map(XmlDocument::textOf).filter(s -> !s.isEmpty());
    }

    public Optional<String> text(Node context, String expression) {
        return element(context, expression).map(XmlDocument::textOf).filter(s -> !s.isEmpty());
    }

    public static String textOf(Element e) {
        return e.getTextContent() == null ? "" : e.getTextContent().strip();
    }

    /** SAX handler that builds the DOM and stores each element's start line as user data. */
    private static final class LineRecordingHandler extends DefaultHandler {
        private final Document doc;
        private final Deque<Element> stack = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private Locator locator;

        LineRecordingHandler(Document doc) {
            this.doc = doc;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            flushText();
            Element el = doc.createElement(qName);
            for (int i = 0; i < attributes.getLength(); i++) {
                el.setAttribute(attributes.getQName(i), attributes.getValue(i));
            }
            el.setUserData(LINE, locator == null ? 0 : locator.getLineNumber(), null);
            if (stack.isEmpty()) {
                doc.appendChild(el);
            } else {
                stack.peek().appendChild(el);
            }
            stack.push(el);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flushText();
            stack.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        private void flushText() {
            if (text.length() > 0 && !stack.isEmpty()) {
                stack.peek().appendChild(doc.createTextNode(text.toString()));
            }
            text.setLength(0);
        }
    }
}
