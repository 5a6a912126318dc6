package io.github.apimupgrade.core.config.legacy;

import io.github.apimupgrade.core.config.xml.XmlDocument;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of an old {@code repository/conf/registry.xml} the upgrade needs. */
public final class RegistryXml {
    /** The four staticConfiguration flags, all true in stock 2.6.0 and false by default from 3.0.0. */
    public static final List<String> VERSIONING_FLAGS =
            List.of("versioningProperties", "versioningComments", "versioningTags", "versioningRatings");
    /** indexingConfiguration children that have a 4.1.0 [indexing] key. */
    public static final List<String> INDEXING_SETTINGS = List.of("startIndexing", "startingDelayInSeconds",
            "indexingFrequencyInSeconds", "batchSize", "indexerPoolSize");

    private final XmlDocument doc;

    private RegistryXml(XmlDocument doc) {
        this.doc = doc;
    }

    public static RegistryXml read(Path file) {
        return new RegistryXml(XmlDocument.parse(file));
    }

    public XmlDocument document() {
        return doc;
    }

    /** Each versioning flag that is present, by element name. */
    public Map<String, Boolean> versioningFlags() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String f : VERSIONING_FLAGS) {
            doc.text("/wso2registry/staticConfiguration/" + f).ifPresent(v -> out.put(f, Boolean.parseBoolean(v)));
        }
        return out;
    }

    public boolean versioningOn() {
        return versioningFlags().containsValue(true);
    }

    /** Indexing settings present in the file, by element name. */
    public Map<String, String> indexing() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : INDEXING_SETTINGS) {
            doc.text("/wso2registry/indexingConfiguration/" + s).ifPresent(v -> out.put(s, v));
        }
        return out;
    }

    public String where(String xpath) {
        return doc.element(xpath).map(doc::where).orElse(doc.file().toString());
    }

    public Optional<String> text(String xpath) {
        return doc.text(xpath);
    }
}
