package io.github.apimupgrade.core.steps.path31;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds custom roles to the {@code RESTAPIScopes.Scope[].Roles} entries of a tenant-conf.json: every scope whose
 * comma-separated role list names an internal role (case-insensitively, as WSO2 compares role names) gains the
 * custom roles mapped to it. Pure: JSON in, JSON out. Nothing else in the document changes.
 */
public final class ScopeRoleMapper {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final DefaultPrettyPrinter PRETTY =
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));

    /**
     * What mapping one document gives.
     *
     * @param before  the document as read, pretty-printed (for the diff)
     * @param after   the mapped document, pretty-printed (what is stored when {@link #changed()})
     * @param changes one line per scope changed: "apim:api_create: + apicreator"
     * @param hasScopes false when the document has no RESTAPIScopes.Scope array
     */
    public record Result(String before, String after, List<String> changes, boolean hasScopes) {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    private ScopeRoleMapper() {
    }

    /**
     * Maps one document.
     *
     * @param content  the tenant-conf.json bytes (UTF-8)
     * @param mapping  custom role -> internal role
     * @param where    names the document in errors ("tenant-conf.json of tenant 1 in WSO2REG_DB")
     */
    public static Result map(byte[] content, Map<String, String> mapping, String where) {
        JsonNode root = parse(content, where);
        String before = pretty(root);
        JsonNode scopes = root.path("RESTAPIScopes").path("Scope");
        if (!scopes.isArray()) {
            return new Result(before, before, List.of(), false);
        }
        // Sorted so that the order roles are appended in does not depend on how the POM map was built.
        Map<String, String> sorted = new TreeMap<>(mapping);
        List<String> changes = new ArrayList<>();
        for (JsonNode scope : scopes) {
            JsonNode roles = scope.get("Roles");
            if (!(scope instanceof ObjectNode obj) || roles == null || !roles.isTextual()) {
                continue;
            }
            String text = roles.asText();
            List<String> present = splitRoles(text);
            List<String> added = new ArrayList<>();
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                if (containsIgnoreCase(present, e.getValue()) && !containsIgnoreCase(present, e.getKey())
                        && !containsIgnoreCase(added, e.getKey())) {
                    added.add(e.getKey());
                }
            }
            if (!added.isEmpty()) {
                String separator = text.contains(", ") ? ", " : ",";
                String joined = text.isBlank() ? String.join(separator, added)
                        : text + separator + String.join(separator, added);
                obj.put("Roles", joined);
                changes.add(scope.path("Name").asText("?") + ": + " + String.join(", ", added));
            }
        }
        return new Result(before, pretty(root), changes, true);
    }

    /** The internal roles a document's scopes name, lower-cased; to warn about mappings that match nothing. */
    public static List<String> rolesInScopes(byte[] content, String where) {
        List<String> out = new ArrayList<>();
        for (JsonNode scope : parse(content, where).path("RESTAPIScopes").path("Scope")) {
            splitRoles(scope.path("Roles").asText("")).forEach(r -> out.add(r.toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    static List<String> splitRoles(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean containsIgnoreCase(List<String> list, String value) {
        return list.stream().anyMatch(s -> s.equalsIgnoreCase(value.strip()));
    }

    private static JsonNode parse(byte[] content, String where) {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE,
                    "The " + where + " is not valid JSON: " + e.getMessage(), where,
                    "Fix it in the Management Console (Main > Resource > Browse > "
                            + TenantConfRepository.COLLECTION + "/" + TenantConfRepository.NAME
                            + " > Edit as Text), then run the step again.", e);
        }
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writer(PRETTY).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a parsed JSON tree", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
