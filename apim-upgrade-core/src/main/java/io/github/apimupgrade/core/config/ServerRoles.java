package io.github.apimupgrade.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code [server] server_role} values a home accepts: the keys of {@code server.server_role} in its own
 * {@code repository/resources/conf/infer.json} (wso2/product-apim modules/distribution/product/src/main/resources/conf/
 * infer.json, packed there). Reading them from the new home keeps role names out of the code: 3.0.0 knows
 * {@code api-store}, 3.1.0 {@code api-devportal}, 4.1.0 {@code control-plane} and the {@code *-deprecated} names.
 */
public final class ServerRoles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerRoles() {
    }

    public static Path inferJson(Path home) {
        return home.resolve("repository").resolve("resources").resolve("conf").resolve("infer.json");
    }

    /** The roles the home's infer.json defines, or empty when the home has no (readable) infer.json. */
    public static Optional<List<String>> accepted(Path home) {
        Path f = inferJson(home);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode roles = JSON.readTree(f.toFile()).path("server.server_role");
            if (!roles.isObject()) {
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            roles.fieldNames().forEachRemaining(out::add);
            return Optional.of(List.copyOf(out));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The server_role a node of this profile gets in the home: the first candidate the home accepts; empty for
     * all-in-one (the default role) or when the home accepts none of them.
     */
    public static Optional<String> forProfile(String profile, List<String> accepted) {
        return NodeProfiles.serverRoleCandidates(profile).stream().filter(accepted::contains).findFirst();
    }
}
