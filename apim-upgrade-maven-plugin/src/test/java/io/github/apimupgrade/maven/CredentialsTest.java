package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsTest {

    /** Decrypts "{enc}" by dropping the prefix; "{broken}" is a decryption error. */
    private static final SettingsDecrypter DECRYPTER = new SettingsDecrypter() {
        @Override
        public SettingsDecryptionResult decrypt(SettingsDecryptionRequest request) {
            Server in = request.getServers().get(0);
            Server out = in.clone();
            List<SettingsProblem> problems = List.of();
            if (in.getPassword().startsWith("{broken}")) {
                problems = List.of(new DefaultSettingsProblem("Failed to decrypt password for server " + in.getId(),
                        SettingsProblem.Severity.ERROR, "settings.xml", -1, -1, null));
            } else {
                out.setPassword(in.getPassword().replace("{enc}", ""));
            }
            List<SettingsProblem> p = problems;
            return new SettingsDecryptionResult() {
                @Override public Server getServer() { return out; }
                @Override public List<Server> getServers() { return List.of(out); }
                @Override public org.apache.maven.settings.Proxy getProxy() { return null; }
                @Override public List<org.apache.maven.settings.Proxy> getProxies() { return List.of(); }
                @Override public List<SettingsProblem> getProblems() { return p; }
            };
        }
    };

    private static Settings settings(String id, String user, String password) {
        Server s = new Server();
        s.setId(id);
        s.setUsername(user);
        s.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(s);
        return settings;
    }

    private static UpgradeRequest build(Settings settings, Map<String, String> env, DatasourceParameter... ds) {
        Credentials credentials = new Credentials(settings, DECRYPTER, env::get);
        UpgradeParameters p = new UpgradeParameters() {
            @Override public void execute() { }
        };
        p.datasources = List.of(ds);
        p.registryVersioning = "auto";
        p.userStoreTypeAfterIdentity = "database_unique_id";
        return new RequestFactory(credentials, Path::of).build(p, false);
    }

    private static DatasourceParameter ds(String role, String serverId, String passwordEnv) {
        DatasourceParameter d = new DatasourceParameter();
        d.setRole(role);
        d.setServerId(serverId);
        d.setPasswordEnv(passwordEnv);
        return d;
    }

    @Test
    void aSettingsServerGivesTheDecryptedPasswordAndTheUser() {
        UpgradeRequest r = build(settings("am-db", "apim", "{enc}s3cret"), Map.of(), ds("apimDb", "am-db", null));
        DatasourceOverride o = r.datasources().get(0);
        assertEquals("apim", o.username());
        assertEquals("s3cret", o.password().reveal());
        assertFalse(o.toString().contains("s3cret"), o.toString());
    }

    @Test
    void aDecryptionErrorFailsTheBuildWithoutTheSecret() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> build(settings("am-db", "apim", "{broken}xyz"), Map.of(), ds("apimDb", "am-db", null)));
        assertEquals(ErrorCode.CREDENTIALS, e.code());
        assertFalse(e.getMessage().contains("xyz"));
        assertTrue(e.hint().contains("settings-security.xml"));
    }

    @Test
    void anUnknownServerIdIsNamed() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> build(new Settings(), Map.of(), ds("sharedDb", "reg-db", null)));
        assertTrue(e.getMessage().contains("'reg-db'"));
    }

    @Test
    void serverAndEnvironmentTogetherAreRefused() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> build(settings("am-db", "apim", "x"), Map.of("PW", "y"), ds("apimDb", "am-db", "PW")));
        assertEquals(ErrorCode.CREDENTIALS, e.code());
    }

    @Test
    void theDefaultEnvironmentVariableWorksWithoutAnyDatasourceEntry() {
        UpgradeRequest r = build(new Settings(), Map.of("APIM_UPGRADE_SHARED_DB_PASSWORD", "regpw"));
        DatasourceOverride o = r.datasources().stream().filter(d -> d.role().equals("sharedDb")).findFirst().orElseThrow();
        assertEquals("regpw", o.password().reveal());
        assertNull(o.url());
        assertEquals(1, r.datasources().size());
    }

    @Test
    void aNamedEnvironmentVariableMustBeSet() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> build(new Settings(), Map.of(), ds("userDb", null, "UM_PASSWORD")));
        assertTrue(e.getMessage().contains("UM_PASSWORD"));
    }
}
