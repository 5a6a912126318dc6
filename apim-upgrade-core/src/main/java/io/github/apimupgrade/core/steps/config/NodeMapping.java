package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.NodeProfiles;
import io.github.apimupgrade.core.config.ServerRoles;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes one node's deployment.toml that node's: {@code [server] server_role} for its profile (a role the new
 * home's own infer.json defines, {@link ServerRoles}), and on a gateway of a 4.x deployment the
 * {@code [apim.event_hub]} it pulls its API artifacts from. The node's own URLs (key manager, traffic manager
 * receivers, JMS broker, gateway environments) come from its own old files through the other mappings.
 *
 * <p>The event hub of 4.x is the control plane (wso2/docs-apim 4.1.0 "Configuring a Distributed API-M Deployment",
 * gateway nodes: {@code [apim.event_hub] enable, service_url = "https://[control-plane-host]/services/",
 * event_listening_endpoints = ["tcp://control-plane-host:5672"]}). The 2.x gateway named no event hub: its key
 * manager, whose functions the control plane takes over (docs-apim 4.1.0 "What has changed"), is the address it
 * already knows, so the event hub is derived from {@code [apim.key_manager] service_url}, the broker port being
 * 5672 shifted by that URL's port offset (every Carbon port moves by {@code [server] offset}).
 */
final class NodeMapping {
    private static final Pattern SERVICE_URL = Pattern.compile("^(https?)://([^/:$]+)(?::(\\d+))?(.*)$");
    private static final int HTTPS_PORT = 9443;
    private static final int BROKER_PORT = 5672;

    private final Mapping m;
    private final String profile;
    private final Optional<List<String>> accepted;
    private final String newHomeInfer;

    /**
     * @param profile      the node's profile in the new deployment (canonical POM name), or null when unknown
     * @param accepted     the server_role values the new home's infer.json defines, empty when it has none
     * @param newHomeInfer the new home's infer.json, for messages
     */
    NodeMapping(Mapping m, String profile, Optional<List<String>> accepted, String newHomeInfer) {
        this.m = m;
        this.profile = profile;
        this.accepted = accepted;
        this.newHomeInfer = newHomeInfer;
    }

    void run() {
        if (profile == null || profile.equals(NodeProfiles.ALL_IN_ONE)) {
            return;
        }
        serverRole();
        if (isGateway() && accepted.map(a -> a.contains("control-plane")).orElse(false)) {
            eventHub();
        }
    }

    private boolean isGateway() {
        return profile.equals(NodeProfiles.GATEWAY_WORKER) || profile.equals(NodeProfiles.GATEWAY_MANAGER);
    }

    private void serverRole() {
        if (accepted.isEmpty()) {
            m.plan.manual("This " + profile + " node's [server] server_role cannot be chosen: the new home has no "
                    + "readable " + newHomeInfer, "[server] server_role", "set server_role to the new version's role "
                    + "for " + profile + " (one of " + NodeProfiles.serverRoleCandidates(profile) + ")");
            return;
        }
        Optional<String> role = ServerRoles.forProfile(profile, accepted.get());
        if (role.isEmpty()) {
            m.plan.manual("The new home's " + newHomeInfer + " defines no server_role for a " + profile + " node ("
                            + "it defines " + accepted.get() + ")", "[server] server_role",
                    "choose the profile this node takes in the new version and set <profile> in the POM");
            return;
        }
        if (!m.toml.getString("server", "server_role").map(role.get()::equals).orElse(false)) {
            m.toml.set("server", "server_role", role.get());
        }
    }

    private void eventHub() {
        if (m.toml.getString("apim.event_hub", "service_url").isPresent()) {
            return; // already configured (carried from the old TOML, or by an earlier run)
        }
        Optional<String> km = m.toml.getString("apim.key_manager", "service_url");
        Matcher u = km.map(SERVICE_URL::matcher).filter(Matcher::matches).orElse(null);
        if (u == null) {
            m.plan.manual("This gateway node's [apim.event_hub] (the control plane it pulls APIs from) cannot be "
                            + "derived: its old api-manager.xml keeps the stock APIKeyValidator ServerURL",
                    "[apim.event_hub]", "set enable = true, service_url = \"https://<control-plane>:9443/services/\" "
                            + "and event_listening_endpoints = [\"tcp://<control-plane>:5672\"]");
            return;
        }
        String host = u.group(2);
        int offset = u.group(3) == null ? 0 : Integer.parseInt(u.group(3)) - HTTPS_PORT;
        boolean offsetKnown = u.group(3) != null && offset >= 0 && offset < 1000;
        String endpoint = "tcp://" + host + ":" + (BROKER_PORT + (offsetKnown ? offset : 0));
        m.toml.set("apim.event_hub", "enable", true);
        m.toml.set("apim.event_hub", "username", "$ref{super_admin.username}");
        m.toml.set("apim.event_hub", "password", "$ref{super_admin.password}");
        m.toml.set("apim.event_hub", "service_url", km.get());
        m.toml.set("apim.event_hub", "event_listening_endpoints", List.of(endpoint));
        m.plan.warning("[apim.event_hub] of this gateway node points at " + km.get() + " and " + endpoint
                + ": derived from its key manager's URL (the control plane takes the key manager's place), the broker "
                + "port " + BROKER_PORT + (offsetKnown ? " shifted by the port offset " + offset : " (no port offset in "
                + "that URL)") + ". Check them if the control plane has another address.");
    }
}
