package io.github.apimupgrade.core.config.yaml;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.path.StepOptions.IdentityStepRef;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Edits the identity migration client's {@code migration-config.yaml} as the guides say (seed 000 step 3.5-3.7,
 * seed 004 step 2.5.3): {@code migrationEnable}, {@code currentVersion}, {@code migrateVersion}, and removes the
 * listed migrators by version, name and order. snakeyaml parses the file into nodes with their positions; the edit
 * replaces exactly those character spans in the original text, so comments, quoting and layout stay as they were
 * (re-serialising would reflow the whole file). The result is parsed again and checked.
 */
public final class MigrationConfigYaml {
    private final String text;
    private final String source;
    private final MappingNode root;

    private MigrationConfigYaml(String text, String source) {
        this.text = text;
        this.source = source;
        Node node = compose(text, source);
        if (!(node instanceof MappingNode m)) {
            throw malformed("is not a YAML mapping (expected migrationEnable, currentVersion, versions, ...)", null);
        }
        this.root = m;
    }

    public static MigrationConfigYaml parse(String text, String source) {
        return new MigrationConfigYaml(text, source);
    }

    /** The edited text: versions set, {@code remove} migrators gone, everything else byte-identical. */
    public String edit(String currentVersion, String migrateVersion, List<IdentityStepRef> remove) {
        List<Replacement> edits = new ArrayList<>();
        edits.add(scalar("migrationEnable", "true"));
        edits.add(scalar("currentVersion", currentVersion));
        edits.add(scalar("migrateVersion", migrateVersion));
        for (IdentityStepRef ref : remove) {
            edits.add(removal(ref));
        }
        edits.sort(Comparator.comparingInt(Replacement::start).reversed());
        StringBuilder sb = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Replacement r : edits) {
            if (r.end() > limit) {
                throw new IllegalStateException("overlapping edits in " + source);
            }
            sb.replace(r.start(), r.end(), r.text());
            limit = r.start();
        }
        String result = sb.toString();
        verify(result, currentVersion, migrateVersion, remove);
        return result;
    }

    /** Migrator names with their order under {@code version}, for messages: "MigrationValidator(2)". */
    public List<String> migrators(String version) {
        SequenceNode configs = migratorConfigs(version);
        return configs == null ? List.of() : configs.getValue().stream()
                .map(n -> value(n, "name") + "(" + value(n, "order") + ")").toList();
    }

    private Replacement scalar(String key, String value) {
        Node node = child(root, key);
        if (!(node instanceof ScalarNode s)) {
            throw malformed("has no top-level '" + key + "' value; is this the identity client's migration-config.yaml?",
                    root.getStartMark());
        }
        String rendered = switch (s.getScalarStyle()) {
            case DOUBLE_QUOTED -> "\"" + value + "\"";
            case SINGLE_QUOTED -> "'" + value + "'";
            default -> s.getScalarStyle() == ScalarStyle.PLAIN ? value : "\"" + value + "\"";
        };
        return new Replacement(offset(s.getStartMark()), offset(s.getEndMark()), rendered);
    }

    private Replacement removal(IdentityStepRef ref) {
        SequenceNode configs = migratorConfigs(ref.version());
        if (configs == null) {
            throw notFound(ref, "there is no version \"" + ref.version() + "\" with migratorConfigs");
        }
        Node item = configs.getValue().stream()
                .filter(n -> ref.name().equals(value(n, "name")) && String.valueOf(ref.order()).equals(value(n, "order")))
                .findFirst().orElse(null);
        if (item == null) {
            throw notFound(ref, "version " + ref.version() + " has " + migrators(ref.version()));
        }
        int dash = offset(item.getStartMark()) - 1;
        while (dash >= 0 && Character.isWhitespace(text.charAt(dash))) {
            dash--;
        }
        if (dash < 0 || text.charAt(dash) != '-') {
            throw malformed("lists the migrators of " + ref.version() + " in flow style; write them as a block list",
                    item.getStartMark());
        }
        int lineStart = text.lastIndexOf('\n', dash) + 1;
        if (!text.substring(lineStart, dash).isBlank()) {
            throw malformed("has an unexpected layout around " + ref.name(), item.getStartMark());
        }
        int end = lastContentEnd(item);
        int lineEnd = text.indexOf('\n', end);
        return new Replacement(lineStart, lineEnd < 0 ? text.length() : lineEnd + 1, "");
    }

    /** Where the node's last character is: block collections end at the next token, which may be far below. */
    private int lastContentEnd(Node node) {
        if (node instanceof MappingNode m && !m.getValue().isEmpty()) {
            return lastContentEnd(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode s && !s.getValue().isEmpty()) {
            return lastContentEnd(s.getValue().get(s.getValue().size() - 1));
        }
        return offset(node.getEndMark());
    }

    private SequenceNode migratorConfigs(String version) {
        if (!(child(root, "versions") instanceof SequenceNode versions)) {
            throw malformed("has no 'versions' list", root.getStartMark());
        }
        for (Node v : versions.getValue()) {
            if (version.equals(value(v, "version")) && child(v, "migratorConfigs") instanceof SequenceNode s) {
                return s;
            }
        }
        return null;
    }

    private void verify(String result, String currentVersion, String migrateVersion, List<IdentityStepRef> remove) {
        MigrationConfigYaml edited = new MigrationConfigYaml(result, source + " (edited)");
        if (!currentVersion.equals(value(edited.root, "currentVersion"))
                || !migrateVersion.equals(value(edited.root, "migrateVersion"))) {
            throw new IllegalStateException("edit of " + source + " did not take effect");
        }
        for (IdentityStepRef ref : remove) {
            if (edited.migrators(ref.version()).contains(ref.name() + "(" + ref.order() + ")")) {
                throw new IllegalStateException("edit of " + source + " left " + ref);
            }
        }
    }

    private static Node child(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static String value(Node mapping, String key) {
        return child(mapping, key) instanceof ScalarNode s ? s.getValue() : null;
    }

    /** snakeyaml marks count code points; Java strings index UTF-16 units. */
    private int offset(Mark mark) {
        return text.offsetByCodePoints(0, mark.getIndex());
    }

    private static Node compose(String text, String source) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? source : source + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Malformed YAML at " + where + ": " + e.getProblem(),
                    where, "Use the unmodified migration-config.yaml of the identity migration client release.", e);
        } catch (YAMLException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Malformed YAML in " + source + ": " + e.getMessage(),
                    source, "Use the unmodified migration-config.yaml of the identity migration client release.", e);
        }
    }

    private UpgradeException malformed(String what, Mark mark) {
        String where = mark == null ? source : source + ":" + (mark.getLine() + 1);
        return UpgradeException.user(ErrorCode.MALFORMED_FILE, source + " " + what + ".", where,
                "Use the unmodified migration-config.yaml of the identity migration client release.");
    }

    private UpgradeException notFound(IdentityStepRef ref, String found) {
        return UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The guide says to remove migrator " + ref.name()
                        + " (order " + ref.order() + ") under version \"" + ref.version() + "\" of " + source
                        + ", but it is not there: " + found + ".", source,
                "Use the identity migration client release the guide names (wso2is-migration from "
                        + "wso2-extensions/apim-identity-migration-resources, 5.x.x line for API-M below 4.2) "
                        + "with an unmodified migration-config.yaml.");
    }

    private record Replacement(int start, int end, String text) {
    }
}
