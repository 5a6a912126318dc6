package io.github.apimupgrade.maven;

import java.io.File;

/**
 * One {@code <node>} of a distributed deployment in the plugin configuration:
 * <pre>
 * &lt;nodes&gt;
 *   &lt;node&gt;&lt;id&gt;cp1&lt;/id&gt;&lt;profile&gt;control-plane&lt;/profile&gt;&lt;oldHome&gt;/mnt/cp1/wso2am-2.6.0&lt;/oldHome&gt;&lt;newHome&gt;/mnt/cp1/wso2am-4.1.0&lt;/newHome&gt;&lt;/node&gt;
 *   &lt;node&gt;&lt;id&gt;gw1&lt;/id&gt;&lt;profile&gt;gateway-worker&lt;/profile&gt;&lt;oldHome&gt;...&lt;/oldHome&gt;&lt;newHome&gt;...&lt;/newHome&gt;&lt;/node&gt;
 * &lt;/nodes&gt;
 * </pre>
 */
public class NodeParameter {
    /** The node's name: what -Dapim.upgrade.node takes. */
    private String id;
    /** all-in-one, publisher, devportal (store), gateway-worker, gateway-manager, traffic-manager, key-manager, control-plane. */
    private String profile;
    private File oldHome;
    private File newHome;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getProfile() { return profile; }
    public void setProfile(String profile) { this.profile = profile; }
    public File getOldHome() { return oldHome; }
    public void setOldHome(File oldHome) { this.oldHome = oldHome; }
    public File getNewHome() { return newHome; }
    public void setNewHome(File newHome) { this.newHome = newHome; }
}
