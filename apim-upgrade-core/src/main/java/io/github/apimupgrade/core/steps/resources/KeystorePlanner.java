package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.keystore.GeneratedPrimaryKeystore;
import io.github.apimupgrade.core.config.keystore.KeystoreEntry;
import io.github.apimupgrade.core.config.keystore.KeystoreInspector;
import io.github.apimupgrade.core.config.keystore.KeystoreReport;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Seed step 2.5: the keystores and truststores of the old home (every keystore in repository/resources/security,
 * plus any configured one elsewhere) copied into the new home's repository/resources/security. Each key's
 * algorithm and size goes into the plan's notes; a primary RSA key below 2048 bits is a warning: prepare-config
 * then splits the primary/internal/tls keystores in deployment.toml.
 */
final class KeystorePlanner {
    private final StepContext context;
    private final StepPlan.Builder plan;
    private final Copies copies;
    /** The target requires a primary RSA key of at least 2048 bits (the path's migrate-resources options). */
    private final boolean strongPrimaryKeyRequired;

    KeystorePlanner(StepContext context, StepPlan.Builder plan, Copies copies, boolean strongPrimaryKeyRequired) {
        this.context = context;
        this.plan = plan;
        this.copies = copies;
        this.strongPrimaryKeyRequired = strongPrimaryKeyRequired;
    }

    void plan() {
        Path oldSecurity = context.oldHome().home().resolve("repository/resources/security");
        Path newSecurity = context.newHome().home().resolve("repository/resources/security");
        List<KeystoreConfig> configured = KeystoreConfig.read(context.oldHome(), context.workspace());
        // Passwords are only handed to KeyStore.load, never put in a message, and registered with the redactor (which
        // leaves the published stock one, "wso2carbon", alone: it is also the keystore's file and alias name).
        configured.stream().map(KeystoreConfig::password).forEach(context.redactor()::register);

        Map<Path, List<KeystoreConfig>> sources = new LinkedHashMap<>();
        for (Path f : Copies.files(oldSecurity)) {
            if (f.getParent().equals(oldSecurity) && isKeystore(f)) {
                sources.put(f.toAbsolutePath().normalize(), new ArrayList<>());
            }
        }
        for (KeystoreConfig c : configured) {
            Path f = c.file().toAbsolutePath().normalize();
            if (!Files.isRegularFile(f)) {
                plan.warning("Keystore " + f + " configured in " + c.origin() + " does not exist: not copied");
                continue;
            }
            sources.computeIfAbsent(f, k -> new ArrayList<>()).add(c);
            if (!f.getParent().equals(oldSecurity.toAbsolutePath().normalize())) {
                plan.warning("Keystore " + f + " (" + c.origin() + ") is outside repository/resources/security: it is copied into "
                        + copies.neu(newSecurity) + ", where API-M 4.x requires it; the new configuration names it by file name only");
            }
        }
        Set<String> passwords = new LinkedHashSet<>();
        configured.stream().map(KeystoreConfig::password).filter(p -> p != null).forEach(passwords::add);

        for (Map.Entry<Path, List<KeystoreConfig>> e : sources.entrySet()) {
            Path source = e.getKey();
            Path target = newSecurity.resolve(source.getFileName().toString());
            copies.copy(source, target, "keystore" + roles(e.getValue()));
            inspect(source, e.getValue(), passwords);
        }
        if (sources.isEmpty()) {
            plan.note("No keystore found in " + copies.old(oldSecurity));
        }
        generatedPrimary(newSecurity);
    }

    /** The strong primary keystore prepare-config named for a weak old key (seed step 2.5), when it is not there yet. */
    private void generatedPrimary(Path newSecurity) {
        Optional<String> text = context.workspace().read(context.deploymentToml());
        if (text.isEmpty()) {
            return;
        }
        TomlParseResult t = Toml.parse(text.get());
        if (!GeneratedPrimaryKeystore.FILE.equals(t.getString("keystore.primary.file_name"))) {
            return;
        }
        Path file = newSecurity.resolve(GeneratedPrimaryKeystore.FILE);
        String password = t.getString("keystore.primary.password");
        if (Files.exists(file) || password == null || password.startsWith("$secret{")) {
            return;
        }
        context.redactor().register(password);
        String trustFile = Optional.ofNullable(t.getString("truststore.file_name")).orElse("client-truststore.jks");
        String trustPassword = Optional.ofNullable(t.getString("truststore.password")).orElse("wso2carbon");
        if (trustPassword.startsWith("$secret{")) {
            plan.manual("Add the certificate of the new primary key (" + GeneratedPrimaryKeystore.ALIAS + ") to "
                    + trustFile + ": its password is in the secure vault", copies.neu(newSecurity.resolve(trustFile)),
                    "keytool -exportcert -keystore " + file + " -alias " + GeneratedPrimaryKeystore.ALIAS
                            + " -file primary.cer && keytool -importcert -keystore " + newSecurity.resolve(trustFile)
                            + " -alias " + GeneratedPrimaryKeystore.ALIAS + " -file primary.cer");
            trustPassword = null;
        }
        String hostname = Optional.ofNullable(t.getString("server.hostname")).orElse("localhost");
        plan.action(new GenerateKeystoreAction(file, GeneratedPrimaryKeystore.ALIAS, password, hostname,
                trustPassword == null ? null : newSecurity.resolve(trustFile), trustPassword, copies.neu(file)));
    }

    private void inspect(Path file, List<KeystoreConfig> configs, Set<String> passwords) {
        Optional<KeystoreConfig> primary = configs.stream().filter(c -> c.role().equals("primary")).findFirst();
        String type = configs.stream().map(KeystoreConfig::type).filter(t -> t != null).findFirst().orElse(null);
        List<String> tries = new ArrayList<>();
        configs.stream().map(KeystoreConfig::password).filter(p -> p != null).forEach(tries::add);
        passwords.stream().filter(p -> !tries.contains(p)).forEach(tries::add);
        KeystoreReport report = null;
        for (String password : tries) {
            try {
                report = KeystoreInspector.inspect(file, type, Secret.of(password));
                break;
            } catch (UpgradeException ex) {
                if (ex.code() != ErrorCode.CREDENTIALS) {
                    plan.warning("Keystore " + copies.old(file) + " could not be inspected: " + context.redactor().redact(ex.getMessage()));
                    return;
                }
            }
        }
        String name = copies.old(file);
        if (report == null) {
            plan.note("Keystore " + name + " not inspected: its password is not in the old configuration (secure vault or"
                    + " not configured); check its key sizes with: keytool -list -v -keystore " + file);
            return;
        }
        for (KeystoreEntry entry : report.entries()) {
            plan.note("Keystore " + name + " (" + report.type() + ") " + entry.describe());
        }
        if (primary.isPresent()) {
            String alias = primary.get().alias();
            if (report.isPrimaryKeyWeak(alias)) {
                KeystoreEntry key = report.primaryKey(alias).orElseThrow();
                weakPrimary(file, key);
            } else if (alias != null && report.primaryKey(alias).isEmpty()) {
                plan.warning("Primary keystore " + name + " has no private key with the alias '" + alias + "' configured in "
                        + primary.get().origin());
            }
        } else if (report.hasWeakKey()) {
            plan.note("Keystore " + name + " holds an RSA key below " + KeystoreEntry.MIN_RSA_BITS + " bits");
        }
    }

    private void weakPrimary(Path file, KeystoreEntry key) {
        String name = file.getFileName().toString();
        boolean required = strongPrimaryKeyRequired;
        plan.warning("The primary key '" + key.alias() + "' of " + name + " is RSA " + key.keySize() + " bits (< "
                + KeystoreEntry.MIN_RSA_BITS + ")" + (required ? ": API-M " + context.path().to() + " requires at least "
                + KeystoreEntry.MIN_RSA_BITS + " bits" : "")
                + ". prepare-config keeps " + name + " as the internal (and tls) keystore, so data encrypted with it stays readable,"
                + " and points [keystore.primary] at a new strong keystore");
        String primary = context.workspace().read(context.deploymentToml())
                .map(text -> Toml.parse(text).getString("keystore.primary.file_name")).orElse(null);
        if (required && primary != null && !primary.equals(name)) {
            plan.note("[keystore.primary] names " + primary + " in the new deployment.toml: " + name
                    + " stays the internal and tls keystore.");
        } else if (required) {
            Path security = context.newHome().home().resolve("repository/resources/security");
            plan.manual("Create a primary keystore with an RSA key of at least 2048 bits (the old " + name
                    + " stays the internal keystore)", copies.neu(security.resolve("primary.jks")),
                    "keytool -genkeypair -alias wso2carbon -keyalg RSA -keysize 2048 -validity 3650 -storetype JKS -keystore "
                            + security.resolve("primary.jks") + " -dname \"CN=<hostname>\"; then import its certificate into "
                            + "client-truststore.jks (keytool -exportcert / -importcert)");
        }
    }

    private static String roles(List<KeystoreConfig> configs) {
        if (configs.isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", configs.stream().map(c -> c.role() + " in " + c.origin()).toList()) + ")";
    }

    /** JKS / JCEKS by magic number; PKCS12 (a DER sequence) only with a .p12/.pfx name, to leave .der/.crt alone. */
    static boolean isKeystore(Path file) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return false;
        }
        if (n < 4) {
            return false;
        }
        int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (magic == 0xFEEDFEED || magic == 0xCECECECE) {
            return true;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return head[0] == 0x30 && (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".pkcs12"));
    }
}
