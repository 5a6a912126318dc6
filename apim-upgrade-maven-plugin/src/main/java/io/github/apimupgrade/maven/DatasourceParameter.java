package io.github.apimupgrade.maven;

/**
 * One {@code <datasource>} in the plugin configuration. Every field is optional except {@code role}; what is
 * absent is taken from the old installation.
 * <pre>
 * &lt;datasources&gt;
 *   &lt;datasource&gt;
 *     &lt;role&gt;apimDb&lt;/role&gt;              &lt;!-- apimDb, sharedDb, userDb, configDb, analyticsDb --&gt;
 *     &lt;url&gt;jdbc:postgresql://db/am&lt;/url&gt;
 *     &lt;serverId&gt;apim-am-db&lt;/serverId&gt;     &lt;!-- settings.xml server: username + (encrypted) password --&gt;
 *   &lt;/datasource&gt;
 * &lt;/datasources&gt;
 * </pre>
 */
public class DatasourceParameter {
    /** apimDb, sharedDb, userDb, configDb or analyticsDb. */
    private String role;
    /** Use this datasource of the old installation (by its name) for the role. */
    private String name;
    private String url;
    private String username;
    /** settings.xml server id holding the username and password (Maven-encrypted passwords are decrypted). */
    private String serverId;
    /** Name of an environment variable holding the password (default APIM_UPGRADE_&lt;ROLE&gt;_PASSWORD). */
    private String passwordEnv;
    private String driver;

    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getServerId() { return serverId; }
    public void setServerId(String serverId) { this.serverId = serverId; }
    public String getPasswordEnv() { return passwordEnv; }
    public void setPasswordEnv(String passwordEnv) { this.passwordEnv = passwordEnv; }
    public String getDriver() { return driver; }
    public void setDriver(String driver) { this.driver = driver; }
}
