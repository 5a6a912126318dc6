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
        workspace.require(file, "The old installation's registry.xml");
        // an absent element is false, the registry kernel's default; malformed XML fails naming file and line
        Map<String, Boolean> flags = RegistryXml.read(file).versioningFlags();
        return new RegistryVersioningFlags(flags.getOrDefault("versioningProperties", false),
                flags.getOrDefault("versioningComments", false), flags.getOrDefault("versioningTags", false),
                flags.getOrDefault("versioningRatings", false), old.display(file));
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
}
