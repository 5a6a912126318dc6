package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway, key manager or traffic manager node keeps WSO2's stock local H2 files for what its cluster does not
 * share (wso2/kubernetes-apim pattern-2 confs/apim-gateway (2.x) overrides no datasource file: the gateway's
 * WSO2AM_DB stays master-datasources.xml's {@code jdbc:h2:repository/database/WSO2AM_DB}); those are the node's,
 * not migration databases.
 */
class NodeDatabasesTest {

    @TempDir
    Path dir;

    private Path gatewayHome() throws Exception {
        // AM on the stock relative H2 file, registry and user store on the cluster's shared PostgreSQL
        return LegacyHomeFixture.at(dir.resolve("gw1")).urls(
                "jdbc:h2:repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000",
                "jdbc:postgresql://db.example.com:5432/regdb", "jdbc:postgresql://db.example.com:5432/userdb").write();
    }

    @Test
    void aGatewaysOwnH2ApiManagerDatabaseIsSetApartTheSharedOnesStay() throws Exception {
        Path home = gatewayHome();
        Installation node = InstallationReader.readNode(home, null, List.of(), false);

        assertFalse(node.role(DatasourceRole.APIM_DB).isPresent());
        assertEquals("WSO2AM_DB", node.ownDatabase(DatasourceRole.APIM_DB).orElseThrow().name());
        assertEquals("jdbc:postgresql://db.example.com:5432/regdb", node.role(DatasourceRole.SHARED_DB).orElseThrow().url());
        assertEquals("jdbc:postgresql://db.example.com:5432/userdb", node.role(DatasourceRole.USER_DB).orElseThrow().url());
        assertTrue(node.roles().values().stream().noneMatch(Datasource::isH2));
    }

    @Test
    void theNodeThatRunsTheDatabaseStepsKeepsEveryRoleAsBefore() throws Exception {
        Path home = gatewayHome();
        Installation single = InstallationReader.readOld(home, null, List.of());
        Installation dbNode = InstallationReader.readNode(home, null, List.of(), true);

        assertEquals(single.roles(), dbNode.roles());
        assertTrue(dbNode.ownDatabases().isEmpty());
        assertTrue(dbNode.role(DatasourceRole.APIM_DB).orElseThrow().isH2());
    }

    @Test
    void thePomsClusterDatasourcesDoNotApplyToANodesOwnDatabase() throws Exception {
        Path home = gatewayHome();
        DatasourceOverride am = new DatasourceOverride("apimDb", "jdbc:postgresql://db.example.com:5432/amdb",
                "amuser", null, null, null);
        DatasourceOverride reg = new DatasourceOverride("sharedDb", null, "reg_admin", null, null, null);
        Installation node = InstallationReader.readNode(home, null, List.of(am, reg), false);

        assertFalse(node.role(DatasourceRole.APIM_DB).isPresent());
        assertTrue(node.ownDatabase(DatasourceRole.APIM_DB).orElseThrow().isH2());
        assertEquals("reg_admin", node.role(DatasourceRole.SHARED_DB).orElseThrow().username());
    }

    @Test
    void aLocalRegistryAndServerOrInMemoryH2AreToldApart() throws Exception {
        // no governance mount: the registry is the node's local WSO2_CARBON_DB
        Path home = LegacyHomeFixture.at(dir.resolve("tm1")).withoutGovernanceMount().urls(
                "jdbc:h2:tcp://h2.example.com/am", "jdbc:h2:${carbon.home}/repository/database/WSO2REG_DB",
                "jdbc:h2:mem:um").write();
        Installation node = InstallationReader.readNode(home, null, List.of(), false);

        assertEquals("WSO2REG_DB", node.ownDatabase(DatasourceRole.SHARED_DB).orElseThrow().name());
        assertEquals("jdbc:h2:tcp://h2.example.com/am", node.role(DatasourceRole.APIM_DB).orElseThrow().url());
        assertEquals("jdbc:h2:mem:um", node.role(DatasourceRole.USER_DB).orElseThrow().url());
        // a file outside the node's home is not the node's own
        Datasource elsewhere = new Datasource("X", "jdbc/X", "jdbc:h2:" + dir.resolve("shared/AM_DB"), "u",
                io.github.apimupgrade.core.api.Secret.empty(), null, null, null, java.util.Map.of(), "test");
        assertFalse(NodeDatabases.isOwnEmbedded(elsewhere, home));
    }

    @Test
    void a3xGatewayWithoutDatabaseTablesKeepsTheDefaultH2FilesAsItsOwn() throws Exception {
        Path home = dir.resolve("gw-300");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v3.0.0\n");
        // as wso2/product-apim v3.0.0 deployment-templates/gateway-worker.toml: only [database.shared_db]
        Files.writeString(home.resolve("repository/conf/deployment.toml"), """
                [server]
                hostname = "gw1.example.com"
                server_role = "gateway-worker"

                [database.shared_db]
                type = "postgre"
                url = "jdbc:postgresql://db.example.com:5432/shared_db"
                username = "shareduser"
                password = "sharedpass"
                """);
        Installation node = InstallationReader.readNode(home, null, List.of(), false);

        assertTrue(node.ownDatabase(DatasourceRole.APIM_DB).orElseThrow().isH2());
        assertEquals("jdbc:postgresql://db.example.com:5432/shared_db", node.role(DatasourceRole.SHARED_DB).orElseThrow().url());
        assertFalse(node.role(DatasourceRole.APIM_DB).isPresent());
    }
}
