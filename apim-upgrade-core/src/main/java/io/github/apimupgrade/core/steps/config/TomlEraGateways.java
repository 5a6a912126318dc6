package io.github.apimupgrade.core.steps.config;

import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gateway environments of a TOML-era old home going to a new home whose gateways pull APIs by label (the guides
 * "from 3.1.0 / 3.2.0 to 4.1.0", step 1 "Modify the [apim.gateway.environment] tag ... gateway_labels"). Decided by
 * the files, not by versions: it applies when the new deployment.toml has
 * {@code [apim.sync_runtime_artifacts.gateway] gateway_labels} and the old one does not (3.x gateways had no
 * labels; 4.x stock names its one environment {@code Default}, wso2/product-apim v4.1.0 deployment.toml).
 * <p>
 * Runs before the key-by-key carry-over, which matches environments by {@code name}: the new file's environment
 * the old file does not name (stock {@code Default}) is renamed to the first old environment without an element,
 * so the old one's endpoints and credentials are carried into it; with {@code keepDefaultGatewayLabel=true} it
 * stays and the old environments are appended (the guide's second variant). {@code gateway_labels} becomes the old
 * environment names, plus the labels already there that were not renamed away.
 */
final class TomlEraGateways {
    static final String SYNC_TABLE = "apim.sync_runtime_artifacts.gateway";
    static final String ENVIRONMENTS = "apim.gateway.environment";

    private TomlEraGateways() {
    }

    static void run(Mapping m, TomlParseResult old, boolean keepDefaultLabel, String oldName) {
        if (m.toml.get(SYNC_TABLE, "gateway_labels").isEmpty() || old.get(List.of("apim", "sync_runtime_artifacts",
                "gateway", "gateway_labels")) != null) {
            return;
        }
        List<String> oldNames = new ArrayList<>();
        if (old.get(List.of("apim", "gateway", "environment")) instanceof TomlArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof TomlTable t && t.get("name") instanceof String n) {
                    oldNames.add(n);
                }
            }
        }
        if (oldNames.isEmpty()) {
            m.plan.warning(oldName + " has no [[apim.gateway.environment]] with a name: the new environments and "
                    + "[" + SYNC_TABLE + "] gateway_labels are left as they are; APIs deployed to the old gateway "
                    + "environment are pulled only by gateways whose labels name it.");
            return;
        }
        List<String> newNames = new ArrayList<>();
        for (int i = 0; i < m.toml.arraySize(ENVIRONMENTS); i++) {
            newNames.add(m.toml.getStringInArray(ENVIRONMENTS, i, "name").orElse(null));
        }
        Set<String> renamedAway = new LinkedHashSet<>();
        if (!keepDefaultLabel) {
            List<String> missing = oldNames.stream().filter(n -> !newNames.contains(n)).toList();
            int next = 0;
            for (int i = 0; i < newNames.size() && next < missing.size(); i++) {
                String name = newNames.get(i);
                if (name != null && !oldNames.contains(name)) {
                    m.toml.setInArray(ENVIRONMENTS, i, "name", missing.get(next));
                    m.plan.note("[[" + ENVIRONMENTS + "]] \"" + name + "\" of the new deployment.toml is renamed to the "
                            + "old environment \"" + missing.get(next) + "\" (its settings are carried below); set "
                            + "keepDefaultGatewayLabel=true to keep \"" + name + "\" and add the old one beside it.");
                    renamedAway.add(name);
                    next++;
                }
            }
        }
        Set<String> labels = new LinkedHashSet<>(oldNames);
        for (String l : m.toml.getStringList(SYNC_TABLE, "gateway_labels")) {
            if (!renamedAway.contains(l)) {
                labels.add(l);
            }
        }
        m.toml.set(SYNC_TABLE, "gateway_labels", new ArrayList<>(labels));
        m.plan.note("[" + SYNC_TABLE + "] gateway_labels = " + labels + ": the gateways pull the APIs deployed to the "
                + "old environment" + (oldNames.size() > 1 ? "s" : "") + " " + oldNames + ".");
    }
}
