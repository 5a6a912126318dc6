package io.github.apimupgrade.core.config.keystore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: creates keystores with the JDK's own keytool (the one of the running JVM). */
public final class Keytool {

    private Keytool() {
    }

    /** Generates a self-signed key pair entry {@code alias} in {@code file} (created if absent). */
    public static Path genKeyPair(Path file, String type, String password, String alias, String keyAlg, int bits) {
        run("-genkeypair", "-keystore", file.toString(), "-storetype", type, "-storepass", password, "-keypass", password,
                "-alias", alias, "-keyalg", keyAlg, "-keysize", Integer.toString(bits), "-dname", "CN=" + alias + ",O=Test",
                "-validity", "365");
        return file;
    }

    /** Exports {@code alias} from {@code from} and imports it as a trusted certificate into {@code to}. */
    public static Path trust(Path from, String fromPassword, String alias, Path to, String type, String password) {
        Path cert = from.resolveSibling(alias + "-" + System.nanoTime() + ".cer");
        run("-exportcert", "-keystore", from.toString(), "-storepass", fromPassword, "-alias", alias, "-file", cert.toString());
        run("-importcert", "-noprompt", "-keystore", to.toString(), "-storetype", type, "-storepass", password,
                "-alias", alias, "-file", cert.toString());
        return to;
    }

    private static void run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + String.join(" ", cmd) + "\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
