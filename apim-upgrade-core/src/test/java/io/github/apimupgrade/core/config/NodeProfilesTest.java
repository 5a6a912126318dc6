package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.cluster.Cluster;
import io.github.apimupgrade.core.cluster.NodeProfile;
import io.github.apimupgrade.core.cluster.ProfileDetector;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Profile detection on homes shaped as WSO2's profile optimisation leaves them. The 2.6.0 layouts follow
 * wso2/product-apim v2.6.0 modules/distribution/product/src/main/startup-scripts/profileSetup.sh, case by case:
 * which Jaggery apps stay, whether the Synapse configurations go, which api-manager.xml/registry.xml flags it
 * turns off. The 3.x ones set [server] server_role as the v3.0.0/v3.1.0 deployment-templates/*.toml do.
 */
class NodeProfilesTest {

    @TempDir
    Path dir;

    /** A 2.6.0 home optimised for one profile; "none" keeps every profile's files (never optimised). */
    private Path home260(String profile) throws IOException {
        Path home = LegacyHomeFixture.at(dir.resolve(profile)).write();
        Path server = home.resolve("repository/deployment/server");
        List<String> jaggery = switch (profile) {
            case "api-publisher" -> List.of("admin", "publisher");
            case "api-store" -> List.of("store");
            case "none" -> List.of("admin", "publisher", "store");
            default -> List.of(); // gateway-worker, traffic-manager, api-key-manager remove every Jaggery app
        };
        Files.createDirectories(server.resolve("jaggeryapps"));
        for (String app : jaggery) {
            Files.createDirectories(server.resolve("jaggeryapps").resolve(app));
        }
        Path synapse = Files.createDirectories(server.resolve("synapse-configs/default"));
        Files.writeString(synapse.resolve("synapse.xml"), "<definitions xmlns=\"http://ws.apache.org/ns/synapse\"/>\n");
        if (!profile.equals("traffic-manager") && !profile.equals("api-key-manager")) { // removeSynapseConfigs
            Files.createDirectories(synapse.resolve("api"));
            Files.createDirectories(synapse.resolve("sequences"));
        }
        boolean dataPublisher = !List.of("api-key-manager", "api-publisher", "api-store").contains(profile);
        boolean jms = dataPublisher;
        boolean policyDeployer = !List.of("api-key-manager", "api-store", "gateway-worker").contains(profile);
        boolean indexing = !List.of("gateway-worker", "traffic-manager").contains(profile);
        Files.writeString(home.resolve("repository/conf/api-manager.xml"), """
                <APIManager>
                    <DataSourceName>jdbc/WSO2AM_DB</DataSourceName>
                    <ThrottlingConfigurations>
                        <EnableAdvanceThrottling>true</EnableAdvanceThrottling>
                        <DataPublisher>
                            <Enabled>%s</Enabled>
                        </DataPublisher>
                        <PolicyDeployer>
                            <Enabled>%s</Enabled>
                        </PolicyDeployer>
                        <JMSConnectionDetails>
                            <Enabled>%s</Enabled>
                        </JMSConnectionDetails>
                    </ThrottlingConfigurations>
                </APIManager>
                """.formatted(dataPublisher, policyDeployer, jms));
        Path registry = home.resolve("repository/conf/registry.xml");
        Files.writeString(registry, Files.readString(registry).replace("</wso2registry>", """
                    <indexingConfiguration>
                        <startIndexing>%s</startIndexing>
                    </indexingConfiguration>
                </wso2registry>""".formatted(indexing)));
        return home;
    }

    private Path home3x(String name, String serverSection) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"), serverSection + """

                [super_admin]
                username = "admin"
                password = "admin"
                """);
        return home;
    }

    @ParameterizedTest
    @CsvSource({"gateway-worker,gateway-worker", "traffic-manager,traffic-manager", "api-key-manager,key-manager",
            "api-publisher,publisher", "api-store,devportal"})
    void aProfileOptimised260HomeShowsItsProfile(String optimisedFor, String expected) throws IOException {
        NodeProfiles.Detection d = NodeProfiles.detect(home260(optimisedFor));
        assertEquals(expected, d.profile(), d::describe);
        assertTrue(d.evidence().stream().anyMatch(e -> e.startsWith("repository/deployment/server/jaggeryapps: ")),
                d::describe);
    }

    @Test
    void theGatewayEvidenceNamesTheFilesAndLines() throws IOException {
        NodeProfiles.Detection d = NodeProfiles.detect(home260("gateway-worker"));
        assertTrue(d.evidence().contains("repository/deployment/server/jaggeryapps: no Jaggery app"), d::describe);
        assertTrue(d.evidence().stream().anyMatch(e -> e.matches("repository/conf/api-manager.xml:\\d+: "
                + "PolicyDeployer/Enabled = false")), d::describe);
        assertTrue(d.evidence().stream().anyMatch(e -> e.matches("repository/conf/registry.xml:\\d+: "
                + "indexingConfiguration/startIndexing = false")), d::describe);
    }

    @Test
    void aHomeThatWasNeverOptimisedIsUnknown() throws IOException {
        NodeProfiles.Detection d = NodeProfiles.detect(home260("none"));
        assertNull(d.profile(), d::describe);
        assertTrue(d.describe().startsWith("unknown ("), d::describe);
        assertTrue(ProfileDetector.fromConfiguration().detect(home260("none")).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"gateway-worker,gateway-worker", "traffic-manager,traffic-manager", "api-key-manager,key-manager",
            "api-publisher,publisher", "api-store,devportal", "api-devportal,devportal", "default,all-in-one",
            "control-plane,control-plane", "api-key-manager-deprecated,key-manager"})
    void aTomlHomeShowsItsServerRole(String serverRole, String expected) throws IOException {
        Path home = home3x(serverRole, "[server]\nhostname = \"node.example.com\"\nserver_role = \"" + serverRole + "\"\n");
        NodeProfiles.Detection d = NodeProfiles.detect(home);
        assertEquals(expected, d.profile());
        assertEquals(List.of("repository/conf/deployment.toml:3: server_role = \"" + serverRole + "\""), d.evidence());
    }

    @Test
    void aTomlHomeWithoutServerRoleIsUnknown() throws IOException {
        NodeProfiles.Detection d = NodeProfiles.detect(home3x("plain", "[server]\nhostname = \"node.example.com\"\n"));
        assertFalse(d.known());
        assertTrue(d.describe().contains("no [server] server_role"), d::describe);
    }

    private static UpgradeRequest cluster(Path aio, Path node, String nodeProfile) {
        return UpgradeRequest.builder()
                .node(new NodeSpec("aio1", "all-in-one", aio, aio.resolveSibling("aio1-new")))
                .node(new NodeSpec("n2", nodeProfile, node, node.resolveSibling("n2-new"))).build();
    }

    @Test
    void theEngineAcceptsAGatewayManagerOnAGatewayWorkersFilesAndAStoreAsDevportal() throws IOException {
        Path aio = home260("none");
        Cluster c = Cluster.of(cluster(aio, home260("gateway-worker"), "gateway-manager"), ProfileDetector.fromConfiguration());
        assertEquals(NodeProfile.GATEWAY_MANAGER, c.node("n2").profile());
        Cluster s = Cluster.of(cluster(aio, home260("api-store"), "store"), ProfileDetector.fromConfiguration());
        assertEquals(NodeProfile.DEVPORTAL, s.node("n2").profile());
        // no <profile>: the detected one
        Cluster d = Cluster.of(cluster(aio, home260("traffic-manager"), null), ProfileDetector.fromConfiguration());
        assertEquals(NodeProfile.TRAFFIC_MANAGER, d.node("n2").profile());
    }

    @Test
    void aMismatchFailsNamingTheNodeAndTheEvidence() throws IOException {
        Path aio = home260("none");
        Path tm = home260("traffic-manager");
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> Cluster.of(cluster(aio, tm, "gateway-worker"), ProfileDetector.fromConfiguration()));
        assertTrue(e.getMessage().startsWith("Node n2 is given as gateway-worker, but its old home's configuration shows "
                + "a traffic-manager node ("), e.getMessage());
        assertTrue(e.getMessage().contains("repository/deployment/server/synapse-configs/default: only synapse.xml"),
                e.getMessage());
        assertTrue(e.getMessage().contains("repository/deployment/server/jaggeryapps: no Jaggery app"), e.getMessage());
    }

    @Test
    void serverRolesComeFromTheNewHomesInferJson() throws IOException {
        Path home = dir.resolve("new");
        Files.createDirectories(home.resolve("repository/resources/conf"));
        assertTrue(ServerRoles.accepted(home).isEmpty());
        // the keys of wso2/product-apim v3.1.0 .../conf/infer.json server.server_role
        Files.writeString(ServerRoles.inferJson(home), """
                {"server.server_role": {"gateway-worker": {}, "api-key-manager": {}, "api-publisher": {},
                 "api-devportal": {}, "traffic-manager": {}, "default": {}}}
                """);
        List<String> accepted = ServerRoles.accepted(home).orElseThrow();
        assertEquals("api-devportal", ServerRoles.forProfile("store", accepted).orElseThrow());
        assertEquals("api-key-manager", ServerRoles.forProfile("key-manager", accepted).orElseThrow());
        assertEquals("gateway-worker", ServerRoles.forProfile("gateway-manager", accepted).orElseThrow());
        assertTrue(ServerRoles.forProfile("all-in-one", accepted).isEmpty());
        assertTrue(ServerRoles.forProfile("control-plane", accepted).isEmpty());
    }
}
