package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.DumperOptions;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Points datasources of an API-M Analytics (WSO2 Stream Processor) {@code deployment.yaml} at other databases,
 * changing nothing else: comments, order, quoting and indentation of every other line stay byte-identical.
 *
 * <p>Why not snakeyaml's dumper: it drops comments (the stock files are mostly comments) and reflows the document.
 * So snakeyaml only <em>locates</em> the values ({@code wso2.datasources.dataSources[name=X].definition.configuration.*}
 * scalar nodes and their start/end marks), and the edit replaces exactly those character ranges; a key the
 * configuration lacks is inserted as a new line after its last key, with the same indentation. The result is parsed
 * again and every value read back must equal the intended one.
 */
public final class AnalyticsDatasourceYaml {
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z][A-Za-z0-9._/:@${}-]*");
    private static final Pattern PLAIN_AMBIGUOUS = Pattern.compile("(?i)true|false|yes|no|on|off|null|~|[-+.0-9].*");
    /** configuration keys written, in the order new ones are inserted. */
    public static final List<String> KEYS = List.of("jdbcUrl", "username", "password", "driverClassName",
            "connectionTestQuery");

    /**
     * Where one datasource should point; a null value leaves that key as it is.
     */
    public record Target(String jdbcUrl, String username, String password, String driverClassName,
                         String connectionTestQuery) {
        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("jdbcUrl", jdbcUrl);
            m.put("username", username);
            m.put("password", password);
            m.put("driverClassName", driverClassName);
            m.put("connectionTestQuery", connectionTestQuery);
            m.values().removeIf(v -> v == null);
            return m;
        }
    }

    /**
     * @param text    the edited document
     * @param missing datasource names the file does not declare (nothing written for them)
     */
    public record Result(String text, List<String> missing) {
    }

    private record Edit(int start, int end, String replacement) {
    }

    private AnalyticsDatasourceYaml() {
    }

    /** Applies {@code targets} (datasource name -> values) to the document. */
    public static Result point(String text, String displayPath, Map<String, Target> targets) {
        Node root = compose(text, displayPath);
        SequenceNode list = dataSources(root)
                .orElseThrow(() -> UpgradeException.user(ErrorCode.MALFORMED_FILE,
                        displayPath + " has no wso2.datasources.dataSources list.", displayPath,
                        "Use the deployment.yaml of the API-M Analytics 3.1.0 pack as it was shipped."));
        List<Edit> edits = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Target> t : targets.entrySet()) {
            Optional<MappingNode> configuration = configurationOf(list, t.getKey());
            if (configuration.isEmpty()) {
                missing.add(t.getKey());
                continue;
            }
            edits.addAll(editsFor(text, configuration.get(), t.getValue().asMap(), displayPath, t.getKey()));
        }
        StringBuilder out = new StringBuilder(text);
        edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed())
                .forEach(e -> out.replace(e.start(), e.end(), e.replacement()));
        String result = out.toString();
        verify(result, displayPath, targets, missing);
        return new Result(result, List.copyOf(missing));
    }

    /** The values a datasource's configuration has now (for tests and checks). */
    public static Map<String, String> read(String text, String displayPath, String datasource) {
        Map<String, String> out = new LinkedHashMap<>();
        dataSources(compose(text, displayPath)).flatMap(l -> configurationOf(l, datasource)).ifPresent(cfg -> {
            for (NodeTuple t : cfg.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                    out.put(k.getValue(), v.getValue());
                }
            }
        });
        return out;
    }

    private static List<Edit> editsFor(String text, MappingNode cfg, Map<String, String> wanted, String displayPath,
                                       String datasource) {
        List<Edit> edits = new ArrayList<>();
        Map<String, ScalarNode> present = new LinkedHashMap<>();
        for (NodeTuple t : cfg.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                if (!(t.getValueNode() instanceof ScalarNode v)) {
                    if (wanted.containsKey(k.getValue())) {
                        throw UpgradeException.user(ErrorCode.MALFORMED_FILE, displayPath + ": " + datasource
                                        + " configuration." + k.getValue() + " is not a plain value.",
                                displayPath + ":" + (k.getStartMark().getLine() + 1),
                                "Make it a single value (a string), then run the step again.");
                    }
                    continue;
                }
                present.put(k.getValue(), v);
            }
        }
        StringBuilder inserted = new StringBuilder();
        String indent = cfg.getValue().isEmpty() ? null
                : " ".repeat(cfg.getValue().get(0).getKeyNode().getStartMark().getColumn());
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            ScalarNode node = present.get(w.getKey());
            if (node != null) {
                if (!node.getValue().equals(w.getValue())) {
                    edits.add(new Edit(charIndex(text, node.getStartMark()), charIndex(text, node.getEndMark()),
                            render(w.getValue(), node.getScalarStyle())));
                }
            } else {
                if (indent == null) {
                    throw UpgradeException.user(ErrorCode.MALFORMED_FILE, displayPath + ": the configuration of "
                                    + datasource + " is empty.", displayPath + ":" + (cfg.getStartMark().getLine() + 1),
                            "Restore it from the API-M Analytics 3.1.0 pack.");
                }
                inserted.append('\n').append(indent).append(w.getKey()).append(": ")
                        .append(render(w.getValue(), DumperOptions.ScalarStyle.SINGLE_QUOTED));
            }
        }
        if (!inserted.isEmpty()) {
            NodeTuple last = cfg.getValue().get(cfg.getValue().size() - 1);
            int at = charIndex(text, last.getValueNode().getEndMark());
            int eol = text.indexOf('\n', at);
            int pos = eol < 0 ? text.length() : (eol > 0 && text.charAt(eol - 1) == '\r' ? eol - 1 : eol);
            String nl = eol > 0 && text.charAt(eol - 1) == '\r' ? "\r\n" : "\n";
            edits.add(new Edit(pos, pos, inserted.toString().replace("\n", nl)));
        }
        return edits;
    }

    /** Keeps the value's quoting where it can; plain values that would read as something else get single quotes. */
    static String render(String value, DumperOptions.ScalarStyle original) {
        if (original == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (original == DumperOptions.ScalarStyle.PLAIN && PLAIN_SAFE.matcher(value).matches()
                && !PLAIN_AMBIGUOUS.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "''") + "'";
    }

    private static void verify(String text, String displayPath, Map<String, Target> targets, List<String> missing) {
        for (Map.Entry<String, Target> t : targets.entrySet()) {
            if (missing.contains(t.getKey())) {
                continue;
            }
            Map<String, String> now = read(text, displayPath, t.getKey());
            t.getValue().asMap().forEach((k, v) -> {
                if (!v.equals(now.get(k))) {
                    throw new IllegalStateException("editing " + displayPath + " left " + t.getKey() + "." + k
                            + " different from the intended value");
                }
            });
        }
    }

    private static Optional<SequenceNode> dataSources(Node root) {
        return child(root, "wso2.datasources").flatMap(n -> child(n, "dataSources"))
                .filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast);
    }

    private static Optional<MappingNode> configurationOf(SequenceNode list, String name) {
        for (Node item : list.getValue()) {
            Optional<Node> n = child(item, "name");
            if (n.isPresent() && n.get() instanceof ScalarNode s && s.getValue().equals(name)) {
                return child(item, "definition").flatMap(d -> child(d, "configuration"))
                        .filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
            }
        }
        return Optional.empty();
    }

    private static Optional<Node> child(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return Optional.of(t.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    private static Node compose(String text, String displayPath) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (root == null) {
                throw UpgradeException.user(ErrorCode.MALFORMED_FILE, displayPath + " is empty.", displayPath,
                        "Restore it from the API-M Analytics 3.1.0 pack.");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Malformed YAML in " + displayPath + " at line "
                    + line + ": " + e.getProblem(), displayPath + ":" + line, "Fix the YAML at that line.", e);
        } catch (YAMLException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Malformed YAML in " + displayPath + ": "
                    + e.getMessage(), displayPath, "Fix the YAML.", e);
        }
    }

    /** snakeyaml marks count code points; Java strings index UTF-16 chars. */
    private static int charIndex(String text, Mark mark) {
        return text.offsetByCodePoints(0, mark.getIndex());
    }
}
