package io.github.apimupgrade.core.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a node's profile from its old home's own configuration (what the node's api-manager.xml / deployment.toml
 * enables). Empty: the configuration does not say (an all-in-one node looks like every profile at once).
 */
public interface ProfileDetector {

    /** The profile the old home's configuration shows, with what showed it ("repository/conf/api-manager.xml: ..."). */
    Optional<Detected> detect(Path oldHome);

    /**
     * @param profile the detected profile
     * @param source  the file and setting that show it
     */
    record Detected(NodeProfile profile, String source) {
    }

    /** Detects nothing: the POM's profiles are taken as written. */
    ProfileDetector NONE = home -> Optional.empty();

    /** The detector the engine uses by default: from the old home's configuration files. */
    static ProfileDetector fromConfiguration() {
        return home -> {
            io.github.apimupgrade.core.config.NodeProfiles.Detection d =
                    io.github.apimupgrade.core.config.NodeProfiles.detect(home);
            return d.known() ? NodeProfile.find(d.profile()).map(p -> new Detected(p, String.join("; ", d.evidence())))
                    : Optional.empty();
        };
    }
}
