package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Seed step 2.5 when the old primary key is weak and the POM names no strong keystore: creates the keystore
 * [keystore.primary] names (RSA 2048, self-signed, with the running JDK's keytool) and imports its certificate into
 * the new home's truststore, so that the new server starts and trusts its own key. The passwords reach keytool
 * through its environment ({@code -storepass:env}), never its command line, and are never printed. A keystore that
 * is already there is left alone (a second run changes nothing).
 */
final class GenerateKeystoreAction implements PlannedAction {
    static final int BITS = 2048;
    private static final String ENV = "APIM_UPGRADE_NEW_KEYSTORE_PASSWORD";
    private static final String TRUST_ENV = "APIM_UPGRADE_TRUSTSTORE_PASSWORD";

    private final Path keystore;
    private final String alias;
    private final String password;
    private final String hostname;
    private final Path truststore;
    private final String truststorePassword;
    private final String display;

    GenerateKeystoreAction(Path keystore, String alias, String password, String hostname, Path truststore,
                           String truststorePassword, String display) {
        this.keystore = keystore;
        this.alias = alias;
        this.password = password;
        this.hostname = hostname;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
        this.display = display;
    }

    @Override
    public Kind kind() {
        return Kind.FILE_WRITE;
    }

    @Override
    public String summary() {
        return "create " + display + " (RSA " + BITS + ", alias " + alias + ", CN=" + hostname + ") for [keystore.primary]"
                + (truststore == null ? "" : " and trust its certificate in " + truststore.getFileName());
    }

    @Override
    public String details() {
        return "keytool -genkeypair -keystore " + keystore + " -storetype JKS -alias " + alias + " -keyalg RSA -keysize "
                + BITS + " -validity 3650 -dname \"CN=" + hostname + "\" -storepass:env " + ENV + " -keypass:env " + ENV
                + (truststore == null ? "" : "\nthen its certificate is added to " + truststore + " as '" + alias + "'");
    }

    @Override
    public ActionResult apply(StepContext context) {
        if (!Files.exists(keystore)) {
            Path tmp = keystore.resolveSibling("." + keystore.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            try {
                Files.deleteIfExists(tmp);
                keytool(List.of("-genkeypair", "-keystore", tmp.toString(), "-storetype", "JKS", "-alias", alias,
                        "-keyalg", "RSA", "-keysize", Integer.toString(BITS), "-validity", "3650",
                        "-dname", "CN=" + hostname, "-storepass:env", ENV, "-keypass:env", ENV));
                Files.move(tmp, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot create " + keystore + ": " + e.getMessage(),
                        keystore.toString(), "Check that the directory is writable.", e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
        boolean trusted = truststore != null && trust(context);
        return ActionResult.of("created " + display + " (RSA " + BITS + ")"
                + (trusted ? ", its certificate added to " + truststore.getFileName() : ""));
    }

    /** Adds the new certificate to the truststore (through a temp file, with a backup); false when already there. */
    private boolean trust(StepContext context) {
        if (!Files.isRegularFile(truststore)) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The truststore " + truststore + " does not exist: "
                    + "the new primary key's certificate cannot be trusted.", truststore.toString(),
                    "Copy the truststore into the new home (migrate-resources) or set [truststore] file_name.");
        }
        try (InputStream kin = Files.newInputStream(keystore); InputStream tin = Files.newInputStream(truststore)) {
            KeyStore ks = KeyStore.getInstance("JKS");
            ks.load(kin, password.toCharArray());
            Certificate cert = ks.getCertificate(alias);
            if (cert == null) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, keystore + " exists but has no entry '" + alias
                                + "': it is not the keystore apim-upgrade creates for [keystore.primary].", keystore.toString(),
                        "Move that file away, or name your own strong keystore with primaryKeystore in the POM.");
            }
            KeyStore ts = KeyStore.getInstance(truststore.getFileName().toString().endsWith(".p12") ? "PKCS12" : "JKS");
            ts.load(tin, truststorePassword.toCharArray());
            if (cert.equals(ts.getCertificate(alias))) {
                return false;
            }
            ts.setCertificateEntry(alias, cert);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ts.store(out, truststorePassword.toCharArray());
            SafeFiles.writeWithBackup(truststore, out.toByteArray(), context.clock());
            return true;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw UpgradeException.user(ErrorCode.CREDENTIALS, "Cannot add the new primary certificate to " + truststore
                            + ": " + context.redactor().redact(String.valueOf(e.getMessage())), truststore.toString(),
                    "Check [truststore] password in the new deployment.toml.");
        }
    }

    private void keytool(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put(ENV, password);
        pb.environment().remove(TRUST_ENV);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw UpgradeException.environment(ErrorCode.IO_ERROR, "keytool could not create " + keystore + ": "
                        + out.strip(), keystore.toString(), "Run the keytool command of the plan by hand.", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Interrupted while creating " + keystore,
                    keystore.toString(), null, e);
        }
    }
}
