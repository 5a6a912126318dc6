package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallationReaderTest {

    @TempDir
    Path dir;

    @Test
    void followsTheReferencesToFindEachRole() throws Exception {
        Path home = LegacyHomeFixture.at(dir).write();
        Installation old = InstallationReader.readOld(home, null, List.of());

        assertEquals("2.6.0", old.version());
        assertFalse(old.tomlEra());
        assertEquals("WSO2AM_DB", old.roles().get(DatasourceRole.APIM_DB).name());
        // governance is mounted on WSO2REG_DB, although currentDBConfig is the local H2 registry
        assertEquals("WSO2REG_DB", old.roles().get(DatasourceRole.SHARED_DB).name());
        assertEquals("WSO2UM_DB", old.roles().get(DatasourceRole.USER_DB).name());
        // /_system/config is mounted on the same database as governance: no separate config role
        assertNull(old.roles().get(DatasourceRole.CONFIG_DB));
        assertEquals(5, old.datasources().size());
        Datasource am = old.roles().get(DatasourceRole.APIM_DB);
        assertEquals("80", am.poolOptions().get("maxActive"));
        assertFalse(am.poolOptions().containsKey("validationQuery"));
        assertTrue(am.origin().contains("master-datasources.xml:"));
    }

    /**
     * Issue 12: the H2 URLs WSO2 ships are relative ({@code jdbc:h2:repository/database/WSO2AM_DB}, 2.6.0
     * master-datasources.xml; {@code jdbc:h2:./repository/...}, 3.0.0 deployment.toml); wso2server.sh starts the JVM in
     * $CARBON_HOME, so they name files in the home, whatever directory Maven runs in.
     */
    @Test
    void relativeH2UrlsResolveAgainstTheOldHome() throws Exception {
        Path home = LegacyHomeFixture.at(dir).urls("jdbc:h2:repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000",
                "jdbc:h2:./repository/database/WSO2REG_DB", "jdbc:h2:${carbon.home}/repository/database/WSO2UM_DB").write();
        Installation old = InstallationReader.readOld(home, null, List.of());
        Path h = home.toAbsolutePath().normalize();
        assertEquals("jdbc:h2:" + h.resolve("repository/database/WSO2AM_DB") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000",
                old.roles().get(DatasourceRole.APIM_DB).url());
        assertEquals("jdbc:h2:" + h.resolve("repository/database/WSO2REG_DB"), old.roles().get(DatasourceRole.SHARED_DB).url());
        assertEquals("jdbc:h2:" + h + "/repository/database/WSO2UM_DB", old.roles().get(DatasourceRole.USER_DB).url());
        // server, in-memory, home-directory and absolute URLs are left as they are
        for (String url : List.of("jdbc:h2:tcp://db:9092/am", "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "jdbc:h2:~/am",
                "jdbc:h2:/var/lib/am", "jdbc:h2:file:/var/lib/am")) {
            assertEquals(url, InstallationReader.h2AgainstHome(url, home));
        }
        assertEquals("jdbc:h2:file:" + h.resolve("db/am"), InstallationReader.h2AgainstHome("jdbc:h2:file:db/am", home));
    }

    @Test
    void xmlEscapedTomlUrlsAreDecodedForTheDriver() {
        assertEquals("jdbc:mysql://h/db?a=1&b=2&c=<3>", InstallationReader.xmlUnescape("jdbc:mysql://h/db?a=1&amp;b=2&#38;c=&lt;3&gt;"));
        assertEquals("plain", InstallationReader.xmlUnescape("plain"));
    }

    @Test
    void userStoreSharingTheRegistryDatabaseHasNoSeparateRole() throws Exception {
        Path home = LegacyHomeFixture.at(dir).userStoreInRegistry().write();
        Installation old = InstallationReader.readOld(home, null, List.of());
        assertNull(old.roles().get(DatasourceRole.USER_DB));
    }

    @Test
    void withoutMountsTheCurrentDbConfigIsTheRegistry() throws Exception {
        Path home = LegacyHomeFixture.at(dir).withoutGovernanceMount().write();
        Installation old = InstallationReader.readOld(home, null, List.of());
        assertEquals("WSO2REG_DB", old.roles().get(DatasourceRole.SHARED_DB).name());
    }

    @Test
    void secureVaultAliasIsKeptInsteadOfAPassword() throws Exception {
        Path home = LegacyHomeFixture.at(dir).amPasswordBySecureVault("Datasources.WSO2AM_DB.Configuration.Password").write();
        Datasource am = InstallationReader.readOld(home, null, List.of()).roles().get(DatasourceRole.APIM_DB);
        assertTrue(am.usesSecureVault());
        assertEquals("Datasources.WSO2AM_DB.Configuration.Password", am.secretAlias());
        assertTrue(am.password().isEmpty());
    }

    @Test
    void aReferenceToAnUndeclaredDatasourceIsNamed() throws Exception {
        Path home = LegacyHomeFixture.at(dir).userStoreJndi("jdbc/NOPE_DB").write();
        UpgradeException e = assertThrows(UpgradeException.class, () -> InstallationReader.readOld(home, null, List.of()));
        assertEquals(ErrorCode.DATASOURCE_MISSING, e.code());
        assertTrue(e.getMessage().contains("jdbc/NOPE_DB"), e.getMessage());
        assertTrue(e.location().endsWith("user-mgt.xml:9"), e.location());
    }

    @Test
    void malformedXmlNamesFileAndLine() throws Exception {
        Path home = LegacyHomeFixture.at(dir).write();
        Files.writeString(home.resolve("repository/conf/api-manager.xml"), "<APIManager>\n  <DataSourceName>x\n</APIManager>\n");
        UpgradeException e = assertThrows(UpgradeException.class, () -> InstallationReader.readOld(home, null, List.of()));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.location().endsWith("api-manager.xml:3"), e.location());
    }

    @Test
    void givenVersionMustMatchTheHome() throws Exception {
        Path home = LegacyHomeFixture.at(dir).write();
        UpgradeException e = assertThrows(UpgradeException.class, () -> InstallationReader.readOld(home, "3.0.0", List.of()));
        assertEquals(ErrorCode.VERSION_MISMATCH, e.code());
    }

    @Test
    void pomOverrideReplacesUrlAndCredentials() throws Exception {
        Path home = LegacyHomeFixture.at(dir).write();
        Installation old = InstallationReader.readOld(home, null, List.of(
                new DatasourceOverride("apimDb", "jdbc:postgresql://db/am", "ci", Secret.of("s3cret"), null, null)));
        Datasource am = old.roles().get(DatasourceRole.APIM_DB);
        assertEquals("jdbc:postgresql://db/am", am.url());
        assertEquals("ci", am.username());
        assertEquals("s3cret", am.password().reveal());
        assertEquals("80", am.poolOptions().get("maxActive"));
    }

    @Test
    void tomlEraHomeReadsDatabaseTables() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("repository/conf"));
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/version.txt"), "WSO2 API Manager v3.0.0");
        Files.writeString(conf.resolve("deployment.toml"), """
                [database.apim_db]
                type = "postgre"
                url = "jdbc:postgresql://db:5432/am"
                username = "am"
                password = "am"

                [database.shared_db]
                type = "postgre"
                url = "jdbc:postgresql://db:5432/reg"
                username = "reg"
                password = "$secret{reg_pw}"

                [database.user]
                type = "postgre"
                url = "jdbc:postgresql://db:5432/um"
                username = "um"
                password = "um"

                [realm_manager]
                data_source = "WSO2USER_DB"
                """);
        Installation old = InstallationReader.readOld(dir, null, List.of());
        assertTrue(old.tomlEra());
        assertEquals("jdbc:postgresql://db:5432/am", old.roles().get(DatasourceRole.APIM_DB).url());
        assertEquals("reg_pw", old.roles().get(DatasourceRole.SHARED_DB).secretAlias());
        assertEquals("jdbc:postgresql://db:5432/um", old.roles().get(DatasourceRole.USER_DB).url());
    }
}
