package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.legacy.RegistryXml;

import java.util.Map;

/**
 * registry.xml: the versioning choice of seed step 1.5 and customised indexing settings.
 * {@code registryVersioning=keep} writes the documented {@code [registry.static_configuration] enable = true}
 * and, because no 4.1.0 key mapping links that key to what the registry template reads (config-mapping.md 9.1),
 * the explicit {@code versioning_*.enable} keys of the flags that were on.
 */
final class RegistryMapping {
    private static final Map<String, String> FLAG_KEYS = Map.of(
            "versioningProperties", "versioning_properties.enable",
            "versioningComments", "versioning_comments.enable",
            "versioningTags", "versioning_tags.enable",
            "versioningRatings", "versioning_ratings.enable");
    private static final String TABLE = "registry.static_configuration";

    private final Mapping m;
    private final RegistryXml reg;
    private final String versioningChoice;

    RegistryMapping(Mapping m, RegistryXml reg, String versioningChoice) {
        this.m = m;
        this.reg = reg;
        this.versioningChoice = versioningChoice == null ? "auto" : versioningChoice;
    }

    void run() {
        boolean on = reg.versioningOn();
        String where = reg.where("/wso2registry/staticConfiguration");
        if (on && versioningChoice.equals("keep")) {
            m.toml.set(TABLE, "enable", true);
            for (String flag : RegistryXml.VERSIONING_FLAGS) {
                if (Boolean.TRUE.equals(reg.versioningFlags().get(flag))) {
                    m.toml.set(TABLE, FLAG_KEYS.get(flag), true);
                }
            }
            m.plan.warning("Registry versioning stays on (registryVersioning=keep, " + where + "): NOT recommended by "
                    + "WSO2 (seed step 1.5); it may only be chosen before the first 4.1.0 start. Check the generated "
                    + "repository/conf/registry.xml after the first start.");
        } else if (on) {
            m.plan.note("Registry versioning was on in " + where + ": 4.1.0 keeps it off and "
                    + "migrate-registry-versioning removes the versioned rows (seed step 1.5).");
        } else {
            m.plan.note("Registry versioning was off in " + where + ": 4.1.0's default (off) matches"
                    + (versioningChoice.equals("keep") ? "; registryVersioning=keep has nothing to keep." : "."));
        }
        mountTargets();
        reg.indexing().forEach((element, value) -> {
            String[] stockAndKey = Stock260.INDEXING.get(element);
            if (!stockAndKey[0].equals(value)) {
                m.toml.set("indexing", stockAndKey[1], Mapping.typed(value));
            }
        });
    }

    /**
     * A mount of {@code /_system/config} (or governance) at another target path: clustered 2.6.0 setups mount the
     * config registry at {@code /_system/nodes}, others at {@code /_system/apim/config}. 4.1.0's registry.xml.j2
     * renders {@code <targetPath>{{config_data.path}}</targetPath>} (product-apim v4.1.0), default the mount path itself.
     */
    private void mountTargets() {
        for (String[] mount : new String[][] {{"/_system/config", "config_data"}, {"/_system/governance", "governance_data"}}) {
            String xpath = "/wso2registry/mount[@path='" + mount[0] + "']/targetPath";
            reg.text(xpath).map(String::strip).filter(t -> !t.isEmpty() && !t.equals(mount[0])).ifPresent(target -> {
                m.toml.set(mount[1], "path", Mapping.xml(target));
                m.plan.note("registry.xml mounts " + mount[0] + " at " + target + " (" + reg.where(xpath) + "): ["
                        + mount[1] + "] path = \"" + target + "\".");
            });
        }
    }
}
