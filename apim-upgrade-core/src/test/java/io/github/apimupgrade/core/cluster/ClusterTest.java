package io.github.apimupgrade.core.cluster;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node model: profiles of both ends, the checks on {@code <nodes>}, where each step runs. */
class ClusterTest {
    private static NodeSpec node(String id, String profile) {
        return new NodeSpec(id, profile, Path.of("/mnt", id, "old"), Path.of("/mnt", id, "new"));
    }

    private static Cluster of(NodeSpec... nodes) {
        return of(ProfileDetector.NONE, nodes);
    }

    private static Cluster of(ProfileDetector d, NodeSpec... nodes) {
        UpgradeRequest.Builder b = UpgradeRequest.builder();
        for (NodeSpec n : nodes) {
            b.node(n);
        }
        return Cluster.of(b.build(), d);
    }

    private static UpgradeException fails(NodeSpec... nodes) {
        return assertThrows(UpgradeException.class, () -> of(nodes));
    }

    @Test
    void profilesOfEachEnd() {
        assertEquals(List.of("all-in-one", "publisher", "devportal", "gateway-worker", "gateway-manager", "traffic-manager",
                "key-manager"), NodeProfile.of("2.6.0").stream().map(NodeProfile::id).toList());
        assertEquals(List.of("all-in-one", "gateway-worker", "traffic-manager", "key-manager", "control-plane"),
                NodeProfile.of("4.1.0").stream().map(NodeProfile::id).toList());
        assertEquals(NodeProfile.of("3.0.0"), NodeProfile.of("3.1.0"));
        assertEquals(NodeProfile.CONTROL_PLANE, NodeProfile.PUBLISHER.in("4.1.0"));
        assertEquals(NodeProfile.CONTROL_PLANE, NodeProfile.find("store").orElseThrow().in("4.1.0"));
        assertEquals(NodeProfile.GATEWAY_WORKER, NodeProfile.GATEWAY_MANAGER.in("4.1.0"));
        assertEquals(NodeProfile.PUBLISHER, NodeProfile.PUBLISHER.in("3.1.0"));
        UpgradeException e = assertThrows(UpgradeException.class, () -> NodeProfile.parse("control-plane", "3.0.0", "3.1.0", "<profile>"));
        assertTrue(e.hint().contains("publisher"), e.hint());
        assertEquals(NodeProfile.CONTROL_PLANE, NodeProfile.parse("Control-Plane", "2.6.0", "4.1.0", "<profile>"));
    }

    @Test
    void whatEachProfileTakesPartIn() {
        assertTrue(NodeProfile.GATEWAY_WORKER.gateway());
        assertFalse(NodeProfile.GATEWAY_WORKER.indexes());
        assertFalse(NodeProfile.TRAFFIC_MANAGER.gateway());
        assertTrue(NodeProfile.TRAFFIC_MANAGER.trafficManager());
        assertTrue(NodeProfile.DEVPORTAL.indexes());
        assertFalse(NodeProfile.DEVPORTAL.migratesDatabases());
        assertTrue(NodeProfile.ALL_IN_ONE.gateway() && NodeProfile.ALL_IN_ONE.trafficManager() && NodeProfile.ALL_IN_ONE.indexes());
        assertFalse(NodeProfile.KEY_MANAGER.indexes() || NodeProfile.KEY_MANAGER.gateway());
    }

    @Test
    void theDatabaseNodeIsTheFirstThatHoldsThePublisher() {
        Cluster c = of(node("gw1", "gateway-worker"), node("store1", "devportal"), node("pub1", "publisher"),
                node("pub2", "publisher"));
        assertEquals("pub1", c.databaseNode().id());
        assertEquals(List.of("pub1", "gw1", "store1", "pub2"), c.runOrder(null).stream().map(ClusterNode::id).toList());
        assertEquals(List.of("gw1"), c.runOrder("GW1").stream().map(ClusterNode::id).toList());
    }

    @Test
    void whereEachPlacementRuns() {
        Cluster c = of(node("cp1", "control-plane"), node("gw1", "gateway-worker"), node("tm1", "traffic-manager"));
        ClusterNode cp1 = c.node("cp1");
        ClusterNode gw1 = c.node("gw1");
        assertEquals(Cluster.Role.HERE, c.role(Placement.ONCE, cp1, "4.1.0"));
        assertEquals(Cluster.Role.ELSEWHERE, c.role(Placement.ONCE, gw1, "4.1.0"));
        assertEquals(Cluster.Role.NODE_PART, c.role(Placement.ONCE_WITH_NODE_PART, gw1, "4.1.0"));
        assertEquals(Cluster.Role.NOT_FOR_PROFILE, c.role(Placement.INDEXING_NODES, gw1, "4.1.0"));
        assertEquals(Cluster.Role.HERE, c.role(Placement.EVERY_NODE, c.node("tm1"), "4.1.0"));
        assertEquals(List.of("cp1"), c.nodesOf(Placement.INDEXING_NODES, "4.1.0").stream().map(ClusterNode::id).toList());
        Cluster single = Cluster.single(Path.of("o"), Path.of("n"));
        assertEquals(Cluster.Role.HERE, single.role(Placement.INDEXING_NODES, single.databaseNode(), "4.1.0"));
    }

    @Test
    void badNodesFailBeforeAnythingIsRead() {
        assertEquals(ErrorCode.CLUSTER_CONFIG, fails(node("cp1", "control-plane"), node("CP1", "gateway-worker")).code());
        assertTrue(fails(node("gw1", "gateway-worker"), node("tm1", "traffic-manager")).hint().contains("control plane"));
        assertTrue(fails(node("cp 1", "control-plane")).getMessage().contains("not a plain name"));
        assertTrue(fails(node("cp1", "router")).hint().contains("4.x: all-in-one, gateway-worker"));
        UpgradeException shared = fails(node("cp1", "control-plane"),
                new NodeSpec("gw1", "gateway-worker", Path.of("/mnt/gw1/old"), Path.of("/mnt/cp1/new")));
        assertTrue(shared.getMessage().contains("the same directory"), shared.getMessage());
        assertEquals(ErrorCode.HOME_NOT_FOUND, fails(new NodeSpec("cp1", "control-plane", Path.of("/o"), null)).code());
        UpgradeException both = assertThrows(UpgradeException.class, () -> Cluster.of(UpgradeRequest.builder()
                .oldHome(Path.of("/o")).node(node("cp1", "control-plane")).build(), ProfileDetector.NONE));
        assertTrue(both.getMessage().contains("Both <nodes> and the one-node"), both.getMessage());
        UpgradeException noNodes = assertThrows(UpgradeException.class, () -> Cluster.of(UpgradeRequest.builder()
                .oldHome(Path.of("/o")).newHome(Path.of("/n")).onlyNode("gw1").build(), ProfileDetector.NONE));
        assertEquals("apim.upgrade.node", noNodes.location());
        UpgradeException unknown = assertThrows(UpgradeException.class, () -> Cluster.of(UpgradeRequest.builder()
                .node(node("cp1", "control-plane")).node(node("gw1", "gateway-worker")).onlyNode("tm1").build(), ProfileDetector.NONE));
        assertTrue(unknown.hint().contains("cp1, gw1"), unknown.hint());
    }

    @Test
    void theProfileComesFromTheOldHomeWhenAbsentAndMustAgreeWithIt() {
        ProfileDetector detector = home -> home.toString().contains("gw1")
                ? Optional.of(new ProfileDetector.Detected(NodeProfile.GATEWAY_WORKER, "api-manager.xml: gateway only"))
                : home.toString().contains("pub1")
                ? Optional.of(new ProfileDetector.Detected(NodeProfile.PUBLISHER, "api-manager.xml: publisher"))
                : Optional.empty();
        Cluster c = of(detector, node("pub1", "control-plane"), node("gw1", null));
        assertEquals(NodeProfile.GATEWAY_WORKER, c.node("gw1").profile());
        assertEquals(NodeProfile.CONTROL_PLANE, c.node("pub1").profile(), "a 2.x publisher is a 4.x control plane");
        UpgradeException e = assertThrows(UpgradeException.class, () -> of(detector, node("pub1", "publisher"), node("gw1", "traffic-manager")));
        assertTrue(e.getMessage().contains("shows a gateway-worker node (api-manager.xml: gateway only)"), e.getMessage());
        UpgradeException none = assertThrows(UpgradeException.class, () -> of(detector, node("cp9", null)));
        assertTrue(none.getMessage().contains("no <profile>"), none.getMessage());
    }
}
