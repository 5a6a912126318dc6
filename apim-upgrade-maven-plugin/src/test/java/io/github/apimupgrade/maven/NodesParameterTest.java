package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The POM's {@code <nodes>} and {@code -Dapim.upgrade.node} reach the engine; {@code <nodeHomes>} names its replacement. */
class NodesParameterTest {

    private static UpgradeParameters params() {
        UpgradeParameters p = new UpgradeParameters() {
            @Override public void execute() { }
        };
        p.registryVersioning = "auto";
        p.userStoreTypeAfterIdentity = "database_unique_id";
        return p;
    }

    private static UpgradeRequest build(UpgradeParameters p) {
        return new RequestFactory(new Credentials(new Settings(), null, Map.<String, String>of()::get), Path::of).build(p, false);
    }

    private static NodeParameter node(String id, String profile) {
        NodeParameter n = new NodeParameter();
        n.setId(id);
        n.setProfile(profile);
        n.setOldHome(new File("/mnt/" + id + "/wso2am-2.6.0"));
        n.setNewHome(new File("/mnt/" + id + "/wso2am-4.1.0"));
        return n;
    }

    @Test
    void nodesAndTheSelectedNodeReachTheRequest() {
        UpgradeParameters p = params();
        p.nodes = List.of(node("cp1", "control-plane"), node("gw1", "gateway-worker"));
        p.node = "gw1";
        UpgradeRequest r = build(p);
        assertEquals(List.of(new NodeSpec("cp1", "control-plane", Path.of("/mnt/cp1/wso2am-2.6.0"), Path.of("/mnt/cp1/wso2am-4.1.0")),
                new NodeSpec("gw1", "gateway-worker", Path.of("/mnt/gw1/wso2am-2.6.0"), Path.of("/mnt/gw1/wso2am-4.1.0"))), r.nodes());
        assertEquals("gw1", r.node());
    }

    @Test
    void nodeHomesFailsNamingNodes() {
        UpgradeParameters p = params();
        p.nodeHomes = List.of(new File("/opt/wso2am-4.1.0-node2"));
        UpgradeException e = assertThrows(UpgradeException.class, () -> build(p));
        assertEquals(ErrorCode.CLUSTER_CONFIG, e.code());
        assertEquals("<nodeHomes>", e.location());
        assertTrue(e.getMessage().contains("replaced by <nodes>"), e.getMessage());
        assertTrue(e.hint().contains("<node><id>cp1</id><profile>control-plane</profile>"), e.hint());
    }
}
