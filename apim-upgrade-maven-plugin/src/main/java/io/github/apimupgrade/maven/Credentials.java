package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.Map;
import java.util.function.Function;

/**
 * Usernames and passwords from settings.xml servers (decrypted with Maven's SettingsDecrypter; decryption
 * errors fail the build, as Flyway does) or from environment variables. Never logged.
 */
final class Credentials {
    /** A username (may be null) and password. */
    record Login(String username, Secret password) {
    }

    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Function<String, String> env;

    Credentials(Settings settings, SettingsDecrypter decrypter, Function<String, String> env) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.env = env;
    }

    static Credentials system(Settings settings, SettingsDecrypter decrypter) {
        Map<String, String> environment = System.getenv();
        return new Credentials(settings, decrypter, environment::get);
    }

    /**
     * The login for one configured entry: its settings.xml server, else the named environment variable, else
     * {@code defaultEnv}. Giving both a server and an explicit environment variable is an error.
     */
    Login resolve(String serverId, String passwordEnv, String defaultEnv, String where) {
        if (serverId != null && !serverId.isBlank() && passwordEnv != null && !passwordEnv.isBlank()) {
            throw UpgradeException.user(ErrorCode.CREDENTIALS, "Both a settings.xml server and an environment variable give the password.",
                    where, "Keep one of <serverId> and <passwordEnv>.");
        }
        if (serverId != null && !serverId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw UpgradeException.user(ErrorCode.CREDENTIALS, "No <server> with id '" + serverId + "' in settings.xml.", where,
                        "Add <server><id>" + serverId + "</id><username>...</username><password>...</password></server> to ~/.m2/settings.xml"
                                + " (encrypt the password with mvn --encrypt-password).");
            }
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem p : result.getProblems()) {
                if (p.getSeverity() == SettingsProblem.Severity.ERROR || p.getSeverity() == SettingsProblem.Severity.FATAL) {
                    throw UpgradeException.user(ErrorCode.CREDENTIALS, "Cannot decrypt the password of server '" + serverId + "': "
                            + p.getMessage(), where, "Check ~/.m2/settings-security.xml and the encrypted password.");
                }
            }
            Server decrypted = result.getServer();
            return new Login(decrypted.getUsername(), Secret.of(decrypted.getPassword()));
        }
        String var = passwordEnv != null && !passwordEnv.isBlank() ? passwordEnv : defaultEnv;
        String value = var == null ? null : env.apply(var);
        if (passwordEnv != null && !passwordEnv.isBlank() && value == null) {
            throw UpgradeException.user(ErrorCode.CREDENTIALS, "The environment variable " + passwordEnv + " is not set.", where,
                    "Export " + passwordEnv + " before running Maven, or use <serverId>.");
        }
        return new Login(null, value == null ? null : Secret.of(value));
    }
}
