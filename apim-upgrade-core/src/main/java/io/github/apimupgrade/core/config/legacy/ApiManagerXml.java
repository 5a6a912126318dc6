package io.github.apimupgrade.core.config.legacy;

import io.github.apimupgrade.core.config.xml.XmlDocument;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An old {@code repository/conf/api-manager.xml}: the gateway environments, and every element for comparisons. */
public final class ApiManagerXml {
    private final XmlDocument doc;

    private ApiManagerXml(XmlDocument doc) {
        this.doc = doc;
    }

    public static ApiManagerXml read(Path file) {
        return new ApiManagerXml(XmlDocument.parse(file));
    }

    public XmlDocument document() {
        return doc;
    }

    /**
     * One {@code APIGateway/Environments/Environment}.
     *
     * @param type             hybrid, production or sandbox (attribute {@code type})
     * @param apiConsole       attribute {@code api-console}, null when absent
     * @param gatewayEndpoint  comma-separated http/https endpoints
     * @param wsEndpoint       comma-separated ws/wss endpoints
     * @param passwordAlias    secure-vault alias on Password, or null
     * @param where            file:line of the Environment element
     */
    public record GatewayEnvironment(String name, String type, String apiConsole, String description,
                                     String serverUrl, String username, String password, String passwordAlias,
                                     String gatewayEndpoint, String wsEndpoint, String where) {

        /** The first endpoint of {@code gatewayEndpoint}/{@code wsEndpoint} with this scheme ("http", "wss", ...). */
        public Optional<String> endpoint(String scheme) {
            String all = (gatewayEndpoint == null ? "" : gatewayEndpoint) + "," + (wsEndpoint == null ? "" : wsEndpoint);
            for (String e : all.split(",")) {
                if (e.strip().startsWith(scheme + "://")) {
                    return Optional.of(e.strip());
                }
            }
            return Optional.empty();
        }
    }

    public List<GatewayEnvironment> environments() {
        List<GatewayEnvironment> out = new ArrayList<>();
        for (Element env : doc.elements("/APIManager/APIGateway/Environments/Environment")) {
            Optional<Element> pw = doc.element(env, "Password");
            String alias = pw.flatMap(LegacyXml::secretAlias).orElse(null);
            out.add(new GatewayEnvironment(
                    doc.text(env, "Name").orElse(""),
                    attr(env, "type"),
                    attr(env, "api-console"),
                    doc.text(env, "Description").orElse(null),
                    doc.text(env, "ServerURL").orElse(null),
                    doc.text(env, "Username").orElse(null),
                    alias == null ? doc.text(env, "Password").orElse(null) : null,
                    alias,
                    doc.text(env, "GatewayEndpoint").orElse(null),
                    doc.text(env, "GatewayWSEndpoint").orElse(null),
                    doc.where(env)));
        }
        return out;
    }

    /** Every leaf element, in file order, with its path and file:line. */
    public List<XmlLeaf> leaves() {
        return LegacyXml.leaves(doc);
    }

    public Optional<String> text(String xpath) {
        return doc.text(xpath);
    }

    public String where(String xpath) {
        return doc.element(xpath).map(doc::where).orElse(doc.file().toString());
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name).strip() : null;
    }
}
