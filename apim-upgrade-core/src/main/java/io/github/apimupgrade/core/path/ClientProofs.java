package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.server.LogProof;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What WSO2's migration clients log ({@code client-proofs.yaml} beside paths.yaml): the proofs per hop and client,
 * the clients' stack frames and the crash markers. Sources are named in the resource.
 *
 * @param frames       package prefixes of the clients' classes (identity and API-M): their loggers and stack frames
 * @param stepStarted  patterns of the lines after which a client has changed the databases
 * @param crashMarkers lines that mean a client crashed
 * @param hops         proofs per upgrade path
 */
public record ClientProofs(List<String> frames, List<String> stepStarted, List<CrashMarker> crashMarkers, List<Hop> hops) {
    private static final String RESOURCE = "/io/github/apimupgrade/core/path/client-proofs.yaml";
    private static volatile ClientProofs loaded;

    /**
     * @param marker text of the line
     * @param always true: a crash whatever the stack (the kernel's own line); false: only with a client frame
     */
    public record CrashMarker(String marker, boolean always) {
    }

    /** The proofs of one upgrade path's runs. */
    public record Hop(String from, String to, List<LogProof> identity, List<LogProof> apim, List<LogProof> preValidation) {
        public Hop {
            identity = List.copyOf(identity);
            apim = List.copyOf(apim);
            preValidation = List.copyOf(preValidation);
        }
    }

    public ClientProofs {
        frames = List.copyOf(frames);
        stepStarted = List.copyOf(stepStarted);
        crashMarkers = List.copyOf(crashMarkers);
        hops = List.copyOf(hops);
    }

    public static ClientProofs load() {
        ClientProofs p = loaded;
        if (p == null) {
            p = read();
            loaded = p;
        }
        return p;
    }

    public Optional<Hop> hop(String from, String to) {
        return hops.stream().filter(h -> h.from().equals(from) && h.to().equals(to)).findFirst();
    }

    /** The hop of a catalogued path; a path without proofs is a catalogue defect. */
    public Hop hop(UpgradePath path) {
        return hop(path.from(), path.to()).orElseThrow(() -> new IllegalStateException(
                "client-proofs.yaml has no entry for " + path.id()));
    }

    @SuppressWarnings("unchecked")
    private static ClientProofs read() {
        try (InputStream in = ClientProofs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<String> frames = new ArrayList<>();
            List<String> stepStarted = new ArrayList<>();
            for (Map<String, Object> c : ((Map<String, Map<String, Object>>) root.get("clients")).values()) {
                frames.addAll((List<String>) c.get("frames"));
                stepStarted.add((String) c.get("stepStarted"));
            }
            List<CrashMarker> markers = new ArrayList<>();
            for (Map<String, Object> m : (List<Map<String, Object>>) root.get("crashMarkers")) {
                markers.add(new CrashMarker((String) m.get("marker"), Boolean.TRUE.equals(m.get("always"))));
            }
            List<Hop> hops = new ArrayList<>();
            for (Map<String, Object> h : (List<Map<String, Object>>) root.get("hops")) {
                hops.add(new Hop((String) h.get("from"), (String) h.get("to"), proofs(h.get("identity")),
                        proofs(h.get("apim")), proofs(h.get("preValidation"))));
            }
            return new ClientProofs(frames, stepStarted, markers, hops);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<LogProof> proofs(Object list) {
        List<LogProof> out = new ArrayList<>();
        if (list != null) {
            for (Map<String, Object> p : (List<Map<String, Object>>) list) {
                out.add(new LogProof((String) p.get("pattern"), (String) p.get("meaning")));
            }
        }
        return out;
    }
}
