package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.config.legacy.RegistryXml;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.steps.Workspace;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the old installation versioned registry properties, comments, tags and ratings.
 * <ul>
 *   <li>XML era (2.x): {@code repository/conf/registry.xml}, {@code <staticConfiguration>}'s
 *       {@code versioningProperties}, {@code versioningComments}, {@code versioningTags}, {@code versioningRatings};
 *       an absent element is false (the registry kernel's default).</li>
 *   <li>TOML era (3.x): the {@code repository/conf/registry.xml} the old server last rendered from its TOML, when it
 *       is there (what the server really ran with); else the TOML itself, as 3.0.0 renders it: the template reads
 *       {@code static_configuration.versioning_*.enable} (product-apim v3.0.0 {@code registry.xml.j2}), whose default
 *       is false (carbon-kernel v4.5.1 {@code default.json}; product-apim v3.0.0's {@code default.json} does not
 *       override it), and {@code [registry.static_configuration] enable} (the guides' spelling; kernel 4.5.1's
 *       {@code infer.json} spells it {@code registory.}) turns all four on or off. So a 3.0.0 TOML that says
 *       nothing had versioning off.</li>
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
        workspace.require(file, "The old installation's registry.xml");
        // an absent element is false, the registry kernel's default; malformed XML fails naming file and line
        Map<String, Boolean> flags = RegistryXml.read(file).versioningFlags();
        return new RegistryVersioningFlags(flags.getOrDefault("versioningProperties", false),
                flags.getOrDefault("versioningComments", false), flags.getOrDefault("versioningTags", false),
                flags.getOrDefault("versioningRatings", false), old.display(file));
    }

    private static RegistryVersioningFlags fromToml(Installation old, Workspace workspace) {
        Path rendered = old.conf().resolve("registry.xml");
        if (workspace.exists(rendered)) {
            Map<String, Boolean> flags = RegistryXml.read(rendered).versioningFlags();
            if (!flags.isEmpty()) {
                return new RegistryVersioningFlags(flags.getOrDefault("versioningProperties", false),
                        flags.getOrDefault("versioningComments", false), flags.getOrDefault("versioningTags", false),
                        flags.getOrDefault("versioningRatings", false),
                        old.display(rendered) + " (rendered by the old server from its deployment.toml)");
            }
        }
        Path file = old.deploymentToml();
        String display = old.display(file);
        TomlParseResult toml = Toml.parse(workspace.require(file, "The old installation's deployment.toml"));
        if (toml.hasErrors()) {
            var err = toml.errors().get(0);
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE,
                    display + ":" + err.position().line() + ": " + err.getMessage(),
                    file + ":" + err.position().line(), "Fix the TOML at that line.");
        }
        // 3.0.0's default: off (kernel 4.5.1 default.json); the umbrella switch in either spelling
        boolean all = bool(toml, "registry.static_configuration.enable",
                bool(toml, "registory.static_configuration.enable", false));
        return new RegistryVersioningFlags(flag(toml, "properties", all), flag(toml, "comments", all),
                flag(toml, "tags", all), flag(toml, "ratings", all), display);
    }

    /** The template's own key ({@code [static_configuration] versioning_properties.enable}), else the older form. */
    private static boolean flag(TomlParseResult toml, String what, boolean dflt) {
        return bool(toml, "static_configuration.versioning_" + what + ".enable",
                bool(toml, "registry.static_configuration.versioning_" + what, dflt));
    }

    private static boolean bool(TomlParseResult toml, String key, boolean dflt) {
        Object v = toml.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof String s ? Boolean.parseBoolean(s.trim()) : dflt;
    }
}
