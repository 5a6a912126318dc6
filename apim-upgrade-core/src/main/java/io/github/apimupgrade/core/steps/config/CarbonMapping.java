package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.keystore.GeneratedPrimaryKeystore;
import io.github.apimupgrade.core.config.keystore.KeystoreInspector;
import io.github.apimupgrade.core.config.legacy.CarbonXml;
import io.github.apimupgrade.core.config.legacy.CarbonXml.KeystoreRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * carbon.xml: {@code [server]} hostname/offset when changed from stock, and the keystores. A primary key that is
 * RSA below 2048 bits gives the split of seed step 2.5: {@code [keystore.internal]} and {@code [keystore.tls]} keep
 * the old keystore (the internal one decrypts what the old server encrypted), {@code [keystore.primary]} points at
 * the strong keystore the user names ({@code apim.upgrade.primaryKeystore}), or a manual action asks for one.
 */
final class CarbonMapping {
    private final Mapping m;
    private final CarbonXml carbon;
    private final Path oldHome;
    private final Path newHome;
    private final ConfigOptions options;

    CarbonMapping(Mapping m, CarbonXml carbon, Path oldHome, Path newHome, ConfigOptions options) {
        this.m = m;
        this.carbon = carbon;
        this.oldHome = oldHome;
        this.newHome = newHome;
        this.options = options;
    }

    void run() {
        server();
        carbon.keyStore().ifPresent(this::keystores);
        carbon.trustStore().ifPresent(this::truststore);
    }

    private void server() {
        carbon.hostName().filter(h -> !h.equals(Stock260.HOST_NAME))
                .ifPresent(h -> m.toml.set("server", "hostname", Mapping.xml(h)));
        carbon.mgtHostName().filter(h -> !h.equals(carbon.hostName().orElse(Stock260.HOST_NAME)))
                .ifPresent(h -> m.toml.set("server", "mgt_console_hostname", Mapping.xml(h)));
        carbon.offset().filter(o -> !o.equals(Stock260.OFFSET)).ifPresent(o -> {
            if (o.matches("\\d{1,5}")) {
                m.toml.set("server", "offset", Long.parseLong(o));
            } else {
                m.plan.manual("carbon.xml port offset '" + o + "' is not a number", carbon.where("/Server/Ports/Offset"),
                        "set [server] offset in deployment.toml by hand");
            }
        });
    }

    private void keystores(KeystoreRef ks) {
        Path file = ks.resolve(oldHome);
        PrimaryKeyCheck.Result key = PrimaryKeyCheck.inspect(file, ks.type(), ks.password(), ks.keyAlias());
        if (!key.known()) {
            m.plan.warning("Could not check the size of the old primary key (" + key.problem() + ").");
            m.plan.manual("Check that the primary key is RSA 2048 bits or more (seed step 2.5)", ks.where(),
                    "keytool -list -v -keystore " + file + " ; if it is weaker, set apim.upgrade.primaryKeystore and "
                            + "run prepare-config again");
        }
        if (!ks.location().contains("/repository/resources/security/")) {
            m.plan.warning("The old primary keystore is outside repository/resources/security (" + ks.location()
                    + "): 4.1.0 reads keystores from there only, by file name.");
        }
        if (key.weakRsa()) {
            m.plan.warning("The old primary key '" + key.alias() + "' is RSA " + key.bits() + " bits (< "
                    + PrimaryKeyCheck.MIN_RSA_BITS + "): it stays as the internal and TLS keystore, and "
                    + "[keystore.primary] needs a strong key (seed step 2.5).");
            writeOld("keystore.internal", ks);
            writeOld("keystore.tls", ks);
            primary();
            return;
        }
        boolean changed = !ks.fileName().equals(Stock260.KEYSTORE_FILE) || !ks.type().equals(Stock260.KEYSTORE_TYPE)
                || !Objects.equals(ks.password(), Stock260.KEYSTORE_PASSWORD)
                || !Objects.equals(ks.keyAlias(), Stock260.KEYSTORE_ALIAS)
                || !Objects.equals(ks.keyPassword(), Stock260.KEYSTORE_PASSWORD);
        if (changed) {
            writeOld("keystore.primary", ks);
            writeOld("keystore.tls", ks);
        }
        carbon.internalKeyStore().filter(in -> !in.fileName().equals(ks.fileName())
                        || !Objects.equals(in.keyAlias(), ks.keyAlias()))
                .ifPresent(in -> writeOld("keystore.internal", in));
    }

    private void writeOld(String table, KeystoreRef ks) {
        m.toml.set(table, "file_name", Mapping.xml(ks.fileName()));
        m.toml.set(table, "type", ks.type());
        if (ks.passwordAlias() != null) {
            m.secretRef(table, "password", "keystore_password", ks.passwordAlias(), ks.where());
        } else if (ks.password() != null) {
            m.password(table, "password", ks.password());
        }
        if (ks.keyAlias() != null) {
            m.toml.set(table, "alias", Mapping.xml(ks.keyAlias()));
        }
        if (ks.keyPasswordAlias() != null) {
            m.secretRef(table, "key_password", "keystore_key_password", ks.keyPasswordAlias(), ks.where());
        } else if (ks.keyPassword() != null) {
            m.password(table, "key_password", ks.keyPassword());
        } else if (ks.password() != null) {
            m.password(table, "key_password", ks.password()); // WSO2 requires key and store passwords to match
        }
    }

    private void primary() {
        Path strong = options.primaryKeystore();
        if (strong == null) {
            // seed step 2.5 resolved by the plugin: migrate-resources creates this keystore (RSA 2048) and trusts it
            String table = "keystore.primary";
            boolean ours = m.toml.getString(table, "file_name").orElse("").equals(GeneratedPrimaryKeystore.FILE);
            String password = ours ? m.toml.getString(table, "password").filter(p -> !p.isBlank()).orElse(null) : null;
            if (password == null) {
                password = GeneratedPrimaryKeystore.newPassword();
            }
            m.toml.set(table, "file_name", GeneratedPrimaryKeystore.FILE);
            m.toml.set(table, "type", "JKS");
            m.password(table, "password", password);
            m.toml.set(table, "alias", GeneratedPrimaryKeystore.ALIAS);
            m.password(table, "key_password", password);
            m.plan.note("[keystore.primary] names " + GeneratedPrimaryKeystore.FILE + ", a new RSA "
                    + PrimaryKeyCheck.MIN_RSA_BITS + "-bit keystore that migrate-resources creates (with a random password, "
                    + "written only to deployment.toml) and whose certificate it adds to the truststore; to use your own, "
                    + "set apim.upgrade.primaryKeystore. Encrypt the password with the cipher tool for production.");
            return;
        }
        String password = options.primaryKeystorePassword() == null ? null : options.primaryKeystorePassword().reveal();
        PrimaryKeyCheck.Result key = PrimaryKeyCheck.inspect(strong, null, password, options.primaryKeystoreAlias());
        if (!key.known() || key.weakRsa()) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "apim.upgrade.primaryKeystore " + strong + " "
                            + (key.known() ? "holds an RSA " + key.bits() + "-bit key" : "cannot be used: " + key.problem()),
                    "apim.upgrade.primaryKeystore", "Give a keystore whose key is RSA " + PrimaryKeyCheck.MIN_RSA_BITS
                            + " bits or more, with its password (primaryKeystoreServerId: a settings.xml server) and alias.");
        }
        String table = "keystore.primary";
        m.toml.set(table, "file_name", Mapping.xml(strong.getFileName().toString()));
        m.toml.set(table, "type", KeystoreInspector.detectType(strong));
        m.password(table, "password", password == null ? "" : password);
        m.toml.set(table, "alias", Mapping.xml(key.alias()));
        m.password(table, "key_password", password == null ? "" : password);
        Path target = newHome.resolve("repository/resources/security").resolve(strong.getFileName());
        if (!Files.isRegularFile(target)) {
            m.plan.manual("Copy the new primary keystore into the new home", target.toString(),
                    "cp " + strong + " " + target);
        }
    }

    private void truststore(KeystoreRef ts) {
        boolean changed = !ts.fileName().equals(Stock260.TRUSTSTORE_FILE) || !ts.type().equals(Stock260.KEYSTORE_TYPE)
                || !Objects.equals(ts.password(), Stock260.TRUSTSTORE_PASSWORD);
        if (!changed) {
            return;
        }
        m.toml.set("truststore", "file_name", Mapping.xml(ts.fileName()));
        m.toml.set("truststore", "type", ts.type());
        if (ts.passwordAlias() != null) {
            m.secretRef("truststore", "password", "truststore_password", ts.passwordAlias(), ts.where());
        } else if (ts.password() != null) {
            m.password("truststore", "password", ts.password());
        }
    }
}
