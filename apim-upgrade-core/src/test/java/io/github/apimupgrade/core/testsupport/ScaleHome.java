package io.github.apimupgrade.core.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A 3.0.0 home grown to N tenants with 34 synapse files each (100x = 1,000 tenants, 34,000 files: the size of
 * issue 20's measurements), and a 3.1.0 home beside it. The synapse files are in the shape API-M 3.0.0 deploys
 * them (repository/tenants/&lt;id&gt;/synapse-configs/default/{api,sequences,endpoints,local-entries,proxy-services},
 * an API with its resources, handlers and the _RevokeAPI_/main/_cors_request_handler_ files the new home keeps;
 * shape from wso2/product-apim v3.0.0, modules/distribution/resources/... and a running 3.0.0's deployment), written
 * here by hand with made-up names.
 */
public final class ScaleHome {
    /** Files per tenant: 20 APIs, 8 sequences, 3 endpoints, 1 local entry, 2 kept-new files. */
    public static final int FILES_PER_TENANT = 34;

    public final Path oldHome;
    public final Path newHome;
    public final int tenants;

    private ScaleHome(Path oldHome, Path newHome, int tenants) {
        this.oldHome = oldHome;
        this.newHome = newHome;
        this.tenants = tenants;
    }

    /** Synapse files the migration copies (every file except those the new home keeps). */
    public long copiedFiles() {
        return (long) tenants * (FILES_PER_TENANT - 2);
    }

    public static ScaleHome write(Path dir, int tenants, String h2Url) {
        try {
            Path old = dir.resolve("old");
            Path neu = dir.resolve("new");
            version(old, "3.0.0");
            version(neu, "3.1.0");
            String toml = """
                    [server]
                    hostname = "localhost"

                    [super_admin]
                    username = "admin"
                    password = "admin"
                    create_admin_account = true

                    [database.apim_db]
                    type = "h2"
                    url = "%1$s"
                    username = "wso2carbon"
                    password = "wso2carbon"

                    [database.shared_db]
                    type = "h2"
                    url = "%1$s"
                    username = "wso2carbon"
                    password = "wso2carbon"
                    """.formatted(h2Url);
            Files.writeString(old.resolve("repository/conf/deployment.toml"), toml);
            Files.writeString(neu.resolve("repository/conf/deployment.toml"), toml);
            for (int t = 1; t <= tenants; t++) {
                Path syn = old.resolve("repository/tenants/" + t + "/synapse-configs/default");
                String domain = "tenant" + t + ".example.com";
                for (int a = 0; a < 20; a++) {
                    write(syn.resolve("api/" + domain + "--Orders" + a + "_v1.0.0.xml"), api(domain, "Orders" + a));
                }
                for (int s = 0; s < 8; s++) {
                    write(syn.resolve("sequences/" + domain + "--Orders" + s + ":v1.0.0--In.xml"), sequence(domain + "--Orders" + s));
                }
                for (int e = 0; e < 3; e++) {
                    write(syn.resolve("endpoints/" + domain + "--Backend" + e + "_APIproductionEndpoint.xml"),
                            "<endpoint xmlns=\"http://ws.apache.org/ns/synapse\" name=\"" + domain + "--Backend" + e
                                    + "\">\n  <http uri-template=\"https://backend" + e + "." + domain + "/orders\"/>\n</endpoint>\n");
                }
                write(syn.resolve("local-entries/tenant" + t + "-conf.xml"),
                        "<localEntry xmlns=\"http://ws.apache.org/ns/synapse\" key=\"tenant" + t + "-conf\">orders</localEntry>\n");
                // kept from the new home (seed 004 step 1.6): not copied
                write(syn.resolve("sequences/main.xml"), "<sequence xmlns=\"http://ws.apache.org/ns/synapse\" name=\"main\"/>\n");
                write(syn.resolve("api/_RevokeAPI_.xml"), "<api xmlns=\"http://ws.apache.org/ns/synapse\" name=\"_WSO2AMRevokeAPI_\"/>\n");
            }
            return new ScaleHome(old, neu, tenants);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void version(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("repository/conf"));
        Files.createDirectories(home.resolve("repository/components/dropins"));
        Files.createDirectories(home.resolve("repository/components/lib"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v" + version + "\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String api(String domain, String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <api xmlns="http://ws.apache.org/ns/synapse" name="%1$s--%2$s" context="/t/%1$s/%3$s/1.0.0" version="1.0.0" version-type="context">
                   <resource methods="GET" url-mapping="/orders" faultSequence="fault">
                      <inSequence>
                         <property name="api.ut.backendRequestTime" expression="get-property('SYSTEM_TIME')"/>
                         <filter source="$ctx:AM_KEY_TYPE" regex="PRODUCTION">
                            <then>
                               <send>
                                  <endpoint key="%1$s--%2$s_APIproductionEndpoint"/>
                               </send>
                            </then>
                            <else>
                               <sequence key="_sandbox_key_error_"/>
                            </else>
                         </filter>
                      </inSequence>
                      <outSequence>
                         <class name="org.wso2.carbon.apimgt.gateway.handlers.analytics.APIMgtResponseHandler"/>
                         <send/>
                      </outSequence>
                   </resource>
                   <handlers>
                      <handler class="org.wso2.carbon.apimgt.gateway.handlers.common.APIMgtLatencyStatsHandler"/>
                      <handler class="org.wso2.carbon.apimgt.gateway.handlers.security.CORSRequestHandler">
                         <property name="apiImplementationType" value="ENDPOINT"/>
                      </handler>
                      <handler class="org.wso2.carbon.apimgt.gateway.handlers.security.APIAuthenticationHandler">
                         <property name="RemoveOAuthHeadersFromOutMessage" value="true"/>
                      </handler>
                      <handler class="org.wso2.carbon.apimgt.gateway.handlers.throttling.ThrottleHandler"/>
                      <handler class="org.wso2.carbon.apimgt.gateway.handlers.analytics.APIMgtUsageHandler"/>
                      <handler class="org.wso2.carbon.apimgt.gateway.handlers.ext.APIManagerExtensionHandler"/>
                   </handlers>
                </api>
                """.formatted(domain, name, name.toLowerCase(java.util.Locale.ROOT));
    }

    private static String sequence(String name) {
        return "<sequence xmlns=\"http://ws.apache.org/ns/synapse\" name=\"" + name + ":v1.0.0--In\">\n"
                + "   <property name=\"X-Tenant\" value=\"" + name + "\" scope=\"transport\"/>\n</sequence>\n";
    }
}
