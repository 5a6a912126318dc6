package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.legacy.ApiManagerXml;
import io.github.apimupgrade.core.config.legacy.ApiManagerXml.GatewayEnvironment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * api-manager.xml: the gateway environments and sync labels (seed step 1.4), the settings of {@link Stock260}
 * the user changed, and a manual action for every changed or custom element without a 4.1.0 key.
 */
final class ApiManagerMapping {
    static final String ENVIRONMENT = "apim.gateway.environment";
    static final String SYNC = "apim.sync_runtime_artifacts.gateway";
    static final String DEFAULT_LABEL = "Default";
    private static final String SCOPE_WHITELIST = "/APIManager/OAuthConfigurations/ScopeWhitelist/Scope";
    private static final String KEY_MANAGER = "/APIManager/APIKeyManager/";

    private final Mapping m;
    private final ApiManagerXml am;
    private final boolean keepDefaultLabel;

    ApiManagerMapping(Mapping m, ApiManagerXml am, boolean keepDefaultLabel) {
        this.m = m;
        this.am = am;
        this.keepDefaultLabel = keepDefaultLabel;
    }

    void run() {
        gateway();
        settings();
    }

    // ---------------------------------------------------------------- seed step 1.4

    private void gateway() {
        List<GatewayEnvironment> envs = am.environments();
        if (envs.isEmpty()) {
            m.plan.warning("api-manager.xml declares no gateway environment: [[apim.gateway.environment]] and "
                    + "gateway_labels left as they are.");
            return;
        }
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < envs.size(); i++) {
            GatewayEnvironment env = envs.get(i);
            int index = elementNamed(env.name(), used);
            if (index < 0 && !keepDefaultLabel) {
                index = elementNamed(DEFAULT_LABEL, used); // seed: rename 4.1.0's "Default" to the old name
            }
            if (index >= 0) {
                used.add(index);
                int target = index;
                m.toml.setInArray(ENVIRONMENT, target, "name", Mapping.xml(env.name()));
                changedFields(env, i).forEach((k, v) -> m.toml.setInArray(ENVIRONMENT, target, k, v));
            } else {
                m.toml.appendToArray(ENVIRONMENT, allFields(env, i));
                used.add(m.toml.arraySize(ENVIRONMENT) - 1);
            }
        }
        Set<String> labels = new LinkedHashSet<>();
        envs.forEach(e -> labels.add(Mapping.xml(e.name())));
        for (String existing : m.toml.getStringList(SYNC, "gateway_labels")) {
            if (!existing.equals(DEFAULT_LABEL)) {
                labels.add(existing);
            }
        }
        if (keepDefaultLabel) {
            labels.add(DEFAULT_LABEL);
        }
        m.toml.set(SYNC, "gateway_labels", new ArrayList<>(labels));
    }

    private int elementNamed(String name, Set<Integer> except) {
        String wanted = Mapping.xml(name);
        for (int i = 0; i < m.toml.arraySize(ENVIRONMENT); i++) {
            if (!except.contains(i) && m.toml.getStringInArray(ENVIRONMENT, i, "name").orElse("").equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** The fields the user changed from the stock 2.6.0 environment (written into an existing element). */
    private Map<String, Object> changedFields(GatewayEnvironment env, int position) {
        Map<String, Object> all = allFields(env, position);
        Map<String, Object> stock = new LinkedHashMap<>();
        stock.put("type", Stock260.ENV_TYPE);
        stock.put("display_in_api_console", Boolean.parseBoolean(Stock260.ENV_API_CONSOLE));
        stock.put("description", Stock260.ENV_DESCRIPTION);
        stock.put("service_url", Stock260.ENV_SERVER_URL);
        stock.put("username", Stock260.ENV_USERNAME);
        stock.put("password", Stock260.ENV_PASSWORD);
        stock.put("http_endpoint", Stock260.ENV_HTTP);
        stock.put("https_endpoint", Stock260.ENV_HTTPS);
        stock.put("ws_endpoint", Stock260.ENV_WS);
        Map<String, Object> changed = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.equals("name") && !Objects.equals(stock.get(k), v)) {
                changed.put(k, v);
            }
        });
        return changed;
    }

    /** Every field of an old environment, as a new 4.1.0 element gets it. */
    private Map<String, Object> allFields(GatewayEnvironment env, int position) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", Mapping.xml(env.name()));
        f.put("type", env.type() == null ? Stock260.ENV_TYPE : env.type());
        f.put("display_in_api_console", env.apiConsole() == null || Boolean.parseBoolean(env.apiConsole()));
        put(f, "description", env.description());
        put(f, "service_url", env.serverUrl());
        put(f, "username", env.username());
        if (env.passwordAlias() != null) {
            String alias = "gateway_environment_" + (position + 1) + "_password";
            m.secrets.putIfAbsent(alias, "old alias " + env.passwordAlias() + " at " + env.where());
            f.put("password", "$secret{" + alias + "}");
        } else if (env.password() != null) {
            m.registerSecret(env.password());
            f.put("password", Mapping.xml(env.password()));
        }
        for (String scheme : List.of("http", "https", "ws", "wss")) {
            env.endpoint(scheme).ifPresent(e -> f.put(scheme + "_endpoint", Mapping.xml(e)));
        }
        return f;
    }

    private static void put(Map<String, Object> f, String key, String value) {
        if (value != null) {
            f.put(key, Mapping.xml(value));
        }
    }

    // ---------------------------------------------------------------- other settings

    private void settings() {
        List<String> scopes = new ArrayList<>();
        String keyManagerWhere = null;
        for (var leaf : am.leaves()) {
            String path = leaf.path();
            if (Stock260.apiManagerHandled(path)) {
                continue;
            }
            if (path.equals(SCOPE_WHITELIST)) {
                scopes.add(Mapping.xml(leaf.value()));
                continue;
            }
            if (path.startsWith(KEY_MANAGER)) {
                keyManagerWhere = keyManagerWhere == null ? leaf.where() : keyManagerWhere;
                continue;
            }
            Optional<Stock260.Setting> known = Stock260.apiManager(path);
            if (known.isEmpty()) {
                m.plan.manual("api-manager.xml element " + path + " is not a stock 2.6.0 setting and has no automatic "
                        + "mapping to 4.1.0", leaf.where(), "find its 4.1.0 key (api-manager.xml.j2 template) and add "
                        + "it to deployment.toml by hand, or drop it");
                continue;
            }
            Stock260.Setting s = known.get();
            if (leaf.alias() != null) {
                if (s.mapped()) {
                    m.secretRef(s.table(), s.key(), s.table().replace('.', '_') + "_" + s.key().replace('.', '_'),
                            leaf.alias(), leaf.where());
                } else {
                    m.plan.manual("api-manager.xml " + path + " (secure-vault alias " + leaf.alias()
                            + ") has no 4.1.0 equivalent", leaf.where(), s.note());
                }
                continue;
            }
            if (leaf.value().equals(s.stock())) {
                continue;
            }
            if (s.mapped()) {
                if (s.secret()) {
                    m.password(s.table(), s.key(), leaf.value());
                } else {
                    m.toml.set(s.table(), s.key(), value(s, leaf.value()));
                }
            } else {
                String shown = s.secret() ? "****" : leaf.value();
                m.plan.manual("api-manager.xml " + path + " = " + shown + " (changed from the 2.6.0 default) has no "
                        + "automatic mapping to 4.1.0", leaf.where(), s.note());
            }
        }
        if (!scopes.isEmpty() && !scopes.equals(Stock260.SCOPE_WHITELIST)) {
            m.toml.set("apim.oauth_config", "allowed_scopes", scopes);
        }
        if (keyManagerWhere != null) {
            m.plan.manual("A third-party key manager was configured (APIKeyManager): 4.1.0 configures key managers "
                            + "in the Admin Portal, not in deployment.toml", keyManagerWhere,
                    "add it under Admin Portal > Key Managers after the migration and check AM_APPLICATION_KEY_MAPPING "
                            + "(seed step 4, custom key managers)");
        }
        am.text("/APIManager/Analytics/Enabled").filter(Boolean::parseBoolean).ifPresent(v -> m.plan.manual(
                "API-M analytics was enabled: it is not carried over (4.1.0 analytics is a cloud service; the on-premise "
                        + "statistics cannot be migrated)", am.where("/APIManager/Analytics/Enabled"),
                "configure [apim.analytics] (enable, config_endpoint, auth_token) by hand if you use 4.1.0 analytics"));
    }

    private static Object value(Stock260.Setting s, String text) {
        return switch (s.kind()) {
            case BOOLEAN -> Boolean.parseBoolean(text);
            case NEGATED_BOOLEAN -> !Boolean.parseBoolean(text);
            case LONG -> text.matches("-?\\d{1,18}") ? (Object) Long.parseLong(text) : Mapping.xml(text);
            case LIST -> {
                List<String> items = new ArrayList<>(Stock260.list(text).stream().map(Mapping::xml).toList());
                if (s.key().equals("allow_headers")) {
                    // 4.1.0's own clients need these two (stock 4.1.0 list); a customised 2.6.0 list lacks them
                    List.of("apikey", "Internal-Key").forEach(h -> {
                        if (!items.contains(h)) {
                            items.add(h);
                        }
                    });
                }
                yield items;
            }
            case STRING -> s.table().equals("apim.devportal") && s.key().equals("url")
                    ? Mapping.xml(text.strip().replaceAll("/store/?$", "/devportal")) : Mapping.xml(text);
        };
    }
}
