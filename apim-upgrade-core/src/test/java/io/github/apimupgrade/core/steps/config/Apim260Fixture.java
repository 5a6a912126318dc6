package io.github.apimupgrade.core.steps.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes an API Manager 2.6.0 home whose repository/conf files have the shape of the stock ones (our own text:
 * same elements and stock values where they matter, shortened), and a 4.1.0 home with a stock-shaped
 * deployment.toml carrying user comments. Options switch on the customisations the tests need.
 */
final class Apim260Fixture {

    /** Database variants: URL per database name, the driver and validation query the old XML names. */
    enum Db {
        MYSQL("jdbc:mysql://db.example.com:3306/%s?autoReconnect=true&useSSL=false", "com.mysql.jdbc.Driver",
                "SELECT 1", "mysql"),
        POSTGRESQL("jdbc:postgresql://db.example.com:5432/%s", "org.postgresql.Driver", "SELECT 1", "postgre"),
        MSSQL("jdbc:sqlserver://db.example.com:1433;databaseName=%s;SendStringParametersAsUnicode=false",
                "com.microsoft.sqlserver.jdbc.SQLServerDriver", "SELECT 1", "mssql"),
        ORACLE("jdbc:oracle:thin:@db.example.com:1521/%s", "oracle.jdbc.OracleDriver", "SELECT 1 FROM DUAL", "oracle"),
        DB2("jdbc:db2://db.example.com:50000/%s", "com.ibm.db2.jcc.DB2Driver", "SELECT 1 FROM SYSIBM.SYSDUMMY1", "db2");

        final String urlPattern;
        final String driver;
        final String validationQuery;
        final String tomlType;

        Db(String urlPattern, String driver, String validationQuery, String tomlType) {
            this.urlPattern = urlPattern;
            this.driver = driver;
            this.validationQuery = validationQuery;
            this.tomlType = tomlType;
        }

        String url(String dbName) {
            return urlPattern.formatted(dbName);
        }
    }

    private final Path root;
    private Db db = Db.MYSQL;
    private boolean separateUserDb;
    private boolean configDb;
    private String environmentName = "Production and Sandbox";
    private String amPasswordAlias;
    private int keySize;
    private String hostName;
    private String offset = "0";
    private boolean customisedApiManager;
    private boolean versioning = true;
    private boolean keystorePasswordInVault;
    private String gatewayOf;

    private Apim260Fixture(Path root) {
        this.root = root;
    }

    static Apim260Fixture at(Path root) {
        return new Apim260Fixture(root);
    }

    Apim260Fixture db(Db d) { this.db = d; return this; }
    Apim260Fixture separateUserDb() { this.separateUserDb = true; return this; }
    Apim260Fixture configDb() { this.configDb = true; return this; }
    Apim260Fixture environmentName(String n) { this.environmentName = n; return this; }
    Apim260Fixture amPasswordAlias(String a) { this.amPasswordAlias = a; return this; }
    /** Generates the primary keystore with keytool (RSA of this size); 0 keeps no keystore file. */
    Apim260Fixture keystoreKeySize(int bits) { this.keySize = bits; return this; }
    Apim260Fixture hostName(String h) { this.hostName = h; return this; }
    Apim260Fixture offset(String o) { this.offset = o; return this; }
    Apim260Fixture customisedApiManager() { this.customisedApiManager = true; return this; }
    Apim260Fixture versioningOff() { this.versioning = false; return this; }
    /** carbon.xml keystore passwords replaced by secure-vault aliases, as ciphertool.sh leaves them. */
    Apim260Fixture keystorePasswordInVault() { this.keystorePasswordInVault = true; return this; }

    /**
     * The home is a gateway worker of a distributed deployment, profile-optimised as wso2/product-apim v2.6.0
     * modules/distribution/product/src/main/startup-scripts/profileSetup.sh -Dprofile=gateway-worker leaves it (no
     * Jaggery app, PolicyDeployer and registry indexing disabled), pointing at the key manager and traffic managers
     * of its cluster as wso2/kubernetes-apim pattern-2 confs/apim-gw-worker/repository/conf/api-manager.xml (2.x)
     * does, and keeping the stock master-datasources.xml's local H2 WSO2AM_DB (that pattern overrides no
     * datasource file on the gateway).
     */
    Apim260Fixture gatewayNodeOf(String keyManagerHost) { this.gatewayOf = keyManagerHost; return this; }

    Path oldHome() { return root.resolve("wso2am-2.6.0"); }
    Path newHome() { return root.resolve("wso2am-4.1.0"); }
    Path deploymentToml() { return newHome().resolve("repository/conf/deployment.toml"); }

    Apim260Fixture write() throws IOException, InterruptedException {
        Path conf = oldHome().resolve("repository/conf");
        Files.createDirectories(conf.resolve("datasources"));
        Files.createDirectories(oldHome().resolve("bin"));
        Files.createDirectories(oldHome().resolve("repository/resources/security"));
        Files.writeString(oldHome().resolve("bin/version.txt"), "WSO2 API Manager v2.6.0\n");
        write(conf.resolve("datasources/master-datasources.xml"), masterDatasources(), "\n");
        write(conf.resolve("registry.xml"), registry(), "\r\n"); // the stock file is CRLF
        write(conf.resolve("user-mgt.xml"), userMgt(), "\n");
        write(conf.resolve("api-manager.xml"), gatewayOf == null ? apiManager() : gateway(apiManager()), "\n");
        if (gatewayOf != null) {
            Path server = oldHome().resolve("repository/deployment/server");
            Files.createDirectories(server.resolve("jaggeryapps"));
            Files.createDirectories(server.resolve("synapse-configs/default/api"));
            Files.createDirectories(server.resolve("synapse-configs/default/sequences"));
            Files.createDirectories(server.resolve("webapps"));
            Files.writeString(server.resolve("webapps/am#sample#pizzashack#v1.war"), "stand-in war\n");
            Path registry = conf.resolve("registry.xml");
            Files.writeString(registry, Files.readString(registry).replace("<startIndexing>true</startIndexing>",
                    "<startIndexing>false</startIndexing>"));
        }
        write(conf.resolve("carbon.xml"), carbon(), "\n");
        if (keySize > 0) {
            keytool(oldHome().resolve("repository/resources/security/wso2carbon.jks"), "wso2carbon", "wso2carbon",
                    keySize);
        }
        Files.createDirectories(newHome().resolve("repository/conf"));
        Files.createDirectories(newHome().resolve("bin"));
        Files.writeString(newHome().resolve("bin/version.txt"), "WSO2 API Manager v4.1.0\n");
        Files.writeString(deploymentToml(), DEPLOYMENT_TOML_410, StandardCharsets.UTF_8);
        Files.createDirectories(newHome().resolve("repository/resources/conf"));
        Files.writeString(newHome().resolve("repository/resources/conf/infer.json"), INFER_JSON_410);
        return this;
    }

    /** Runs the JDK's keytool to make a keystore with one RSA key pair. */
    static void keytool(Path file, String alias, String password, int bits) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-keyalg", "RSA",
                "-keysize", String.valueOf(bits), "-alias", alias, "-keystore", file.toString(), "-storetype", "JKS",
                "-storepass", password, "-keypass", password, "-dname", "CN=localhost, O=Test", "-validity", "365"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    private static void write(Path file, String text, String newline) throws IOException {
        Files.writeString(file, text.replace("\n", newline), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- old files

    private String datasource(String name, String jndi, String url, String user, String passwordXml, String extra) {
        return """
                        <datasource>
                            <name>%s</name>
                            <description>The datasource used for %s</description>
                            <jndiConfig>
                                <name>%s</name>
                            </jndiConfig>
                            <definition type="RDBMS">
                                <configuration>
                                    <url>%s</url>
                                    <username>%s</username>
                                    %s
                                    <driverClassName>%s</driverClassName>
                                    <maxActive>%s</maxActive>
                                    <maxWait>60000</maxWait>
                                    <testOnBorrow>true</testOnBorrow>
                                    <validationQuery>%s</validationQuery>
                                    <validationInterval>30000</validationInterval>
                                    <defaultAutoCommit>true</defaultAutoCommit>%s
                                </configuration>
                            </definition>
                        </datasource>
                """.formatted(name, name, jndi, url.replace("&", "&amp;"), user, passwordXml,
                url.startsWith("jdbc:h2:") ? "org.h2.Driver" : db.driver, name.equals("WSO2AM_DB") ? "150" : "50",
                url.startsWith("jdbc:h2:") ? "SELECT 1" : db.validationQuery, extra);
    }

    private String masterDatasources() {
        String h2 = "jdbc:h2:repository/database/%s;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000";
        StringBuilder sb = new StringBuilder("""
                <datasources-configuration xmlns:svns="http://org.wso2.securevault/configuration">
                    <providers>
                        <provider>org.wso2.carbon.ndatasource.rdbms.RDBMSDataSourceReader</provider>
                    </providers>
                    <datasources>
                """);
        sb.append(datasource("WSO2_CARBON_DB", "jdbc/WSO2CarbonDB", h2.formatted("WSO2CARBON_DB"), "wso2carbon",
                "<password>wso2carbon</password>", ""));
        String amPassword = amPasswordAlias == null ? "<password>am&amp;Secret</password>"
                : "<password svns:secretAlias=\"" + amPasswordAlias + "\"></password>";
        // a gateway node keeps the stock local H2 WSO2AM_DB (see gatewayNodeOf)
        sb.append(datasource("WSO2AM_DB", "jdbc/WSO2AM_DB", gatewayOf != null ? h2.formatted("WSO2AM_DB")
                        : db.url("apimgtdb"), gatewayOf != null ? "wso2carbon" : "apimuser",
                gatewayOf != null ? "<password>wso2carbon</password>" : amPassword,
                "\n                        <removeAbandoned>true</removeAbandoned>"));
        sb.append(datasource("WSO2AM_STATS_DB", "jdbc/WSO2AM_STATS_DB", h2.formatted("WSO2AM_STATS_DB"), "wso2carbon",
                "<password>wso2carbon</password>", ""));
        sb.append(datasource("WSO2_MB_STORE_DB", "WSO2MBStoreDB", h2.formatted("WSO2_MB_STORE_DB"), "wso2carbon",
                "<password>wso2carbon</password>", ""));
        sb.append(datasource("WSO2REG_DB", "jdbc/WSO2REG_DB", db.url("regdb"), "reguser",
                "<password>regpass</password>", ""));
        if (separateUserDb) {
            sb.append(datasource("WSO2UM_DB", "jdbc/WSO2UM_DB", db.url("userdb"), "umuser",
                    "<password>umpass</password>", ""));
        }
        if (configDb) {
            sb.append(datasource("WSO2CONFIG_DB", "jdbc/WSO2CONFIG_DB", db.url("configdb"), "configuser",
                    "<password>configpass</password>", ""));
        }
        sb.append("""
                    </datasources>
                </datasources-configuration>
                """);
        return sb.toString();
    }

    private String registry() {
        String configInstance = configDb ? "conf" : "gov";
        String configRemote = configDb ? """
                    <remoteInstance url="https://localhost:9443/registry">
                        <id>conf</id>
                        <cacheId>configuser@configdb</cacheId>
                        <dbConfig>configregistry</dbConfig>
                        <readOnly>false</readOnly>
                        <enableCache>true</enableCache>
                        <registryRoot>/</registryRoot>
                    </remoteInstance>
                    <dbConfig name="configregistry">
                        <dataSource>jdbc/WSO2CONFIG_DB</dataSource>
                    </dbConfig>
                """ : "";
        String flag = String.valueOf(versioning);
        return """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <wso2registry>
                    <currentDBConfig>wso2registry</currentDBConfig>
                    <readOnly>false</readOnly>
                    <enableCache>true</enableCache>
                    <registryRoot>/</registryRoot>

                    <dbConfig name="wso2registry">
                        <dataSource>jdbc/WSO2CarbonDB</dataSource>
                    </dbConfig>
                    <dbConfig name="govregistry">
                        <dataSource>jdbc/WSO2REG_DB</dataSource>
                    </dbConfig>
                    <remoteInstance url="https://localhost:9443/registry">
                        <id>gov</id>
                        <cacheId>reguser@regdb</cacheId>
                        <dbConfig>govregistry</dbConfig>
                        <readOnly>false</readOnly>
                        <enableCache>true</enableCache>
                        <registryRoot>/</registryRoot>
                    </remoteInstance>
                %s
                    <mount path="/_system/config" overwrite="true">
                        <instanceId>%s</instanceId>
                        <targetPath>/_system/config</targetPath>
                    </mount>
                    <mount path="/_system/governance" overwrite="true">
                        <instanceId>gov</instanceId>
                        <targetPath>/_system/governance</targetPath>
                    </mount>

                    <handler class="org.wso2.carbon.registry.extensions.handlers.MediaTypeHandler">
                        <filter class="org.wso2.carbon.registry.core.jdbc.handlers.filters.MediaTypeMatcher">
                            <property name="mediaType">application/wsdl+xml</property>
                        </filter>
                    </handler>

                    <indexingConfiguration>
                        <startIndexing>true</startIndexing>
                        <skipCache>true</skipCache>
                        <startingDelayInSeconds>35</startingDelayInSeconds>
                        <indexingFrequencyInSeconds>5</indexingFrequencyInSeconds>
                        <batchSize>40</batchSize>
                        <indexerPoolSize>40</indexerPoolSize>
                        <lastAccessTimeLocation>/_system/local/repository/components/org.wso2.carbon.registry/indexing/lastaccesstime</lastAccessTimeLocation>
                    </indexingConfiguration>

                    <versionResourcesOnChange>false</versionResourcesOnChange>

                    <staticConfiguration>
                        <versioningProperties>%s</versioningProperties>
                        <versioningComments>%s</versioningComments>
                        <versioningTags>%s</versioningTags>
                        <versioningRatings>%s</versioningRatings>
                        <servicePath>/trunk/services/</servicePath>
                    </staticConfiguration>
                </wso2registry>
                """.formatted(configRemote, configInstance, flag, flag, flag, flag);
    }

    private String userMgt() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <UserManager>
                    <Realm>
                        <Configuration>
                            <AddAdmin>true</AddAdmin>
                            <AdminRole>admin</AdminRole>
                            <AdminUser>
                                <UserName>admin</UserName>
                                <Password>admin</Password>
                            </AdminUser>
                            <EveryOneRoleName>everyone</EveryOneRoleName>
                            <Property name="isCascadeDeleteEnabled">true</Property>
                            <Property name="initializeNewClaimManager">true</Property>
                            <Property name="dataSource">%s</Property>
                        </Configuration>

                        <!-- <UserStoreManager class="org.wso2.carbon.user.core.ldap.ReadOnlyLDAPUserStoreManager">
                            <Property name="ConnectionURL">ldap://localhost:10389</Property>
                        </UserStoreManager> -->

                        <UserStoreManager class="org.wso2.carbon.user.core.jdbc.JDBCUserStoreManager">
                            <Property name="TenantManager">org.wso2.carbon.user.core.tenant.JDBCTenantManager</Property>
                            <Property name="ReadOnly">false</Property>
                            <Property name="ReadGroups">true</Property>
                            <Property name="WriteGroups">true</Property>
                            <Property name="UsernameJavaRegEx">^[\\S]{3,30}$</Property>
                            <Property name="PasswordJavaRegEx">^[\\S]{8,30}$</Property>
                            <Property name="CaseInsensitiveUsername">true</Property>
                            <Property name="PasswordDigest">SHA-256</Property>
                            <Property name="StoreSaltedPassword">true</Property>
                            <Property name="MaxUserNameListLength">100</Property>
                            <Property name="UserRolesCacheEnabled">true</Property>
                        </UserStoreManager>

                        <AuthorizationManager class="org.wso2.carbon.user.core.authorization.JDBCAuthorizationManager">
                            <Property name="AdminRoleManagementPermissions">/permission</Property>
                            <Property name="AuthorizationCacheEnabled">true</Property>
                            <Property name="GetAllRolesOfUserEnabled">false</Property>
                        </AuthorizationManager>
                    </Realm>
                </UserManager>
                """.formatted(separateUserDb ? "jdbc/WSO2UM_DB" : "jdbc/WSO2REG_DB");
    }

    private String apiManager() {
        String custom = customisedApiManager ? """
                    <MyCompanyAuditHook>
                        <Endpoint>https://audit.example.com</Endpoint>
                    </MyCompanyAuditHook>
                """ : "";
        return """
                <APIManager>
                    <DataSourceName>jdbc/WSO2AM_DB</DataSourceName>
                    <GatewayType>Synapse</GatewayType>
                    <EnableSecureVault>false</EnableSecureVault>
                    <AuthManager>
                        <ServerURL>https://localhost:${mgt.transport.https.port}${carbon.context}services/</ServerURL>
                        <Username>${admin.username}</Username>
                        <Password>${admin.password}</Password>
                        <CheckPermissionsRemotely>%s</CheckPermissionsRemotely>
                    </AuthManager>
                    <JWTConfiguration>
                        %s
                        <JWTHeader>X-JWT-Assertion</JWTHeader>
                        <JWTGeneratorImpl>org.wso2.carbon.apimgt.keymgt.token.JWTGenerator</JWTGeneratorImpl>
                    </JWTConfiguration>
                    <APIGateway>
                        <Environments>
                            <Environment type="hybrid" api-console="true">
                                <Name>%s</Name>
                                <Description>This is a hybrid gateway that handles both production and sandbox token traffic.</Description>
                                <ServerURL>https://localhost:${mgt.transport.https.port}${carbon.context}services/</ServerURL>
                                <Username>${admin.username}</Username>
                                <Password>${admin.password}</Password>
                                <GatewayEndpoint>http://${carbon.local.ip}:${http.nio.port},https://${carbon.local.ip}:${https.nio.port}</GatewayEndpoint>
                                <GatewayWSEndpoint>ws://${carbon.local.ip}:9099</GatewayWSEndpoint>
                            </Environment>
                        </Environments>
                    </APIGateway>
                    <CacheConfigurations>
                        <EnableGatewayTokenCache>true</EnableGatewayTokenCache>
                        <EnableGatewayResourceCache>true</EnableGatewayResourceCache>
                        <EnableKeyManagerTokenCache>false</EnableKeyManagerTokenCache>
                        <EnableRecentlyAddedAPICache>false</EnableRecentlyAddedAPICache>
                        <EnableScopeCache>true</EnableScopeCache>
                        <EnablePublisherRoleCache>true</EnablePublisherRoleCache>
                        <EnableJWTClaimCache>true</EnableJWTClaimCache>
                    </CacheConfigurations>
                    <Analytics>
                        <Enabled>%s</Enabled>
                        <StreamProcessorServerURL>{tcp://localhost:7612}</StreamProcessorServerURL>
                    </Analytics>
                    <APIKeyValidator>
                        <ServerURL>https://localhost:${mgt.transport.https.port}${carbon.context}services/</ServerURL>
                        <Username>${admin.username}</Username>
                        <Password>${admin.password}</Password>
                        <KeyValidatorClientType>ThriftClient</KeyValidatorClientType>
                        <KeyValidationHandlerClassName>org.wso2.carbon.apimgt.keymgt.handlers.DefaultKeyValidationHandler</KeyValidationHandlerClassName>
                    </APIKeyValidator>
                    <OAuthConfigurations>
                        <ApplicationTokenScope>am_application_scope</ApplicationTokenScope>
                        <TokenEndPointName>/oauth2/token</TokenEndPointName>
                        <RevokeAPIURL>https://localhost:${https.nio.port}/revoke</RevokeAPIURL>
                        <EncryptPersistedTokens>false</EncryptPersistedTokens>
                        <EnableTokenHashMode>false</EnableTokenHashMode>
                    </OAuthConfigurations>
                    <APIStore>
                        <CompareCaseInsensitively>true</CompareCaseInsensitively>
                        <DisplayURL>false</DisplayURL>
                        <URL>https://localhost:${mgt.transport.https.port}/store</URL>
                        <DisplayMultipleVersions>%s</DisplayMultipleVersions>
                        <DisplayComments>true</DisplayComments>
                    </APIStore>
                    <CORSConfiguration>
                        <Enabled>true</Enabled>
                        <Access-Control-Allow-Origin>*</Access-Control-Allow-Origin>
                        <Access-Control-Allow-Methods>GET,PUT,POST,DELETE,PATCH,OPTIONS</Access-Control-Allow-Methods>
                        <Access-Control-Allow-Headers>%s</Access-Control-Allow-Headers>
                        <Access-Control-Allow-Credentials>false</Access-Control-Allow-Credentials>
                    </CORSConfiguration>
                    <RESTAPI>
                        <WhiteListedURIs>
                            <WhiteListedURI>
                                <URI>/api/am/store/{version}/tiers/{tierLevel}/{tierName}</URI>
                                <HTTPMethods>GET,HEAD</HTTPMethods>
                            </WhiteListedURI>
                        </WhiteListedURIs>
                    </RESTAPI>
                    <ThrottlingConfigurations>
                        <EnableAdvanceThrottling>true</EnableAdvanceThrottling>
                        <TrafficManager>
                            <Type>Binary</Type>
                            <ReceiverUrlGroup>tcp://${carbon.local.ip}:${receiver.url.port}</ReceiverUrlGroup>
                            <AuthUrlGroup>ssl://${carbon.local.ip}:${auth.url.port}</AuthUrlGroup>
                            <Username>${admin.username}</Username>
                            <Password>${admin.password}</Password>
                        </TrafficManager>
                        <DataPublisher>
                            <Enabled>true</Enabled>
                            <DataPublisherPool>
                                <MaxIdle>%s</MaxIdle>
                                <InitIdleCapacity>200</InitIdleCapacity>
                            </DataPublisherPool>
                        </DataPublisher>
                        <JMSConnectionDetails>
                            <Enabled>true</Enabled>
                            <JMSConnectionParameters>
                                <transport.jms.ConnectionFactoryJNDIName>TopicConnectionFactory</transport.jms.ConnectionFactoryJNDIName>
                            </JMSConnectionParameters>
                        </JMSConnectionDetails>
                        <EnableUnlimitedTier>true</EnableUnlimitedTier>
                    </ThrottlingConfigurations>
                    <WorkflowConfigurations>
                        <Enabled>false</Enabled>
                        <ServerUrl>https://localhost:9445/bpmn</ServerUrl>
                    </WorkflowConfigurations>
                %s</APIManager>
                """.formatted(customisedApiManager ? "true" : "false",
                customisedApiManager ? "<EnableJWTGeneration>true</EnableJWTGeneration>" : "",
                environmentName.replace("&", "&amp;"),
                customisedApiManager ? "true" : "false",
                customisedApiManager ? "true" : "false",
                customisedApiManager ? "authorization,Content-Type,X-Custom" : "authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction",
                customisedApiManager ? "500" : "1000",
                custom);
    }

    private String gateway(String apiManager) {
        String km = gatewayOf;
        String out = apiManager
                .replaceFirst("(<APIKeyValidator>\\s*)<ServerURL>[^<]*</ServerURL>",
                        "$1<ServerURL>https://" + km + ":9443\\${carbon.context}services/</ServerURL>")
                .replace("<ReceiverUrlGroup>tcp://${carbon.local.ip}:${receiver.url.port}</ReceiverUrlGroup>",
                        "<ReceiverUrlGroup>{tcp://" + km + ":9611},{tcp://tm2.example.com:9611}</ReceiverUrlGroup>")
                .replace("<AuthUrlGroup>ssl://${carbon.local.ip}:${auth.url.port}</AuthUrlGroup>",
                        "<AuthUrlGroup>{ssl://" + km + ":9711},{ssl://tm2.example.com:9711}</AuthUrlGroup>")
                .replaceFirst("(\\s*)<JMSConnectionDetails>",
                        "$1<PolicyDeployer>$1    <Enabled>false</Enabled>$1</PolicyDeployer>$1<JMSConnectionDetails>");
        if (!out.contains("https://" + km + ":9443") || !out.contains("<PolicyDeployer>")) {
            throw new IllegalStateException("gateway fixture: the stock elements it rewrites moved");
        }
        return out;
    }

    private String carbon() {
        String host = hostName == null ? "<!--HostName>www.wso2.org</HostName-->"
                : "<HostName>" + hostName + "</HostName>";
        return """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <Server xmlns="http://wso2.org/projects/carbon/carbon.xml" xmlns:svns="http://org.wso2.securevault/configuration">
                    <Name>WSO2 API Manager</Name>
                    <ServerKey>AM</ServerKey>
                    <Version>2.6.0</Version>
                    %s
                    <!--MgtHostName>www.wso2.org</MgtHostName-->
                    <ServerURL>local:/${carbon.context}/services/</ServerURL>
                    <Ports>
                        <Offset>%s</Offset>
                        <JMX>
                            <RMIRegistryPort>9999</RMIRegistryPort>
                        </JMX>
                    </Ports>
                    <Security>
                        <KeyStore>
                            <Location>${carbon.home}/repository/resources/security/wso2carbon.jks</Location>
                            <Type>JKS</Type>
                            %s
                            <KeyAlias>wso2carbon</KeyAlias>
                            %s
                        </KeyStore>
                        <InternalKeyStore>
                            <Location>${carbon.home}/repository/resources/security/wso2carbon.jks</Location>
                            <Type>JKS</Type>
                            <Password>wso2carbon</Password>
                            <KeyAlias>wso2carbon</KeyAlias>
                            <KeyPassword>wso2carbon</KeyPassword>
                        </InternalKeyStore>
                        <TrustStore>
                            <Location>${carbon.home}/repository/resources/security/client-truststore.jks</Location>
                            <Type>JKS</Type>
                            <Password>wso2carbon</Password>
                        </TrustStore>
                    </Security>
                </Server>
                """.formatted(host, offset,
                keystorePasswordInVault ? "<Password svns:secretAlias=\"Carbon.Security.KeyStore.Password\">password</Password>"
                        : "<Password>wso2carbon</Password>",
                keystorePasswordInVault ? "<KeyPassword svns:secretAlias=\"Carbon.Security.KeyStore.KeyPassword\">password</KeyPassword>"
                        : "<KeyPassword>wso2carbon</KeyPassword>");
    }

    // ---------------------------------------------------------------- new file

    /** Shaped like the stock 4.1.0 deployment.toml (shortened), with comments a user added. */
    /**
     * The server roles of 4.1.0's infer.json (wso2/product-apim v4.1.0 modules/distribution/product/src/main/
     * resources/conf/infer.json, packed as repository/resources/conf/infer.json): its keys, one inferred key each.
     */
    static final String INFER_JSON_410 = """
            {
              "server.server_role": {
                "gateway-worker": {"indexing.enable": false},
                "api-key-manager-deprecated": {"indexing.enable": false},
                "api-publisher-deprecated": {"apim.throttling.enable_policy_deploy": true},
                "api-devportal-deprecated": {"apim.throttling.enable_policy_deploy": false},
                "traffic-manager": {"system.parameter.profile": "traffic-manager"},
                "control-plane": {"system.parameter.profile": "control-plane"},
                "default": {"oauth.extensions.token_generator": "org.wso2.carbon.apimgt.keymgt.issuers.APIMTokenIssuer"}
              }
            }
            """;

    static final String DEPLOYMENT_TOML_410 = """
            # Managed by the platform team - see wiki/APIM
            [server]
            hostname = "localhost"
            #offset=0
            base_path = "${carbon.protocol}://${carbon.host}:${carbon.management.port}"
            server_role = "default"

            [super_admin]
            username = "admin"
            password = "admin"
            create_admin_account = true

            [user_store]
            type = "database_unique_id"

            [database.apim_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"

            [database.shared_db]
            type = "h2"  # TODO: switch to the production database
            url = "jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"

            [keystore.tls]
            file_name =  "wso2carbon.jks"
            type =  "JKS"
            password =  "wso2carbon"
            alias =  "wso2carbon"
            key_password =  "wso2carbon"

            #[keystore.primary]
            #file_name =  "wso2carbon.jks"
            #type =  "JKS"

            [[apim.gateway.environment]]
            name = "Default"
            type = "hybrid"
            provider = "wso2"
            display_in_api_console = true
            description = "This is a hybrid gateway that handles both production and sandbox token traffic."
            show_as_token_endpoint_url = true
            service_url = "https://localhost:${mgt.transport.https.port}/services/"
            username= "${admin.username}"
            password= "${admin.password}"
            ws_endpoint = "ws://localhost:9099"
            wss_endpoint = "wss://localhost:8099"
            http_endpoint = "http://localhost:${http.nio.port}"
            https_endpoint = "https://localhost:${https.nio.port}"

            [apim.sync_runtime_artifacts.gateway]
            gateway_labels =["Default"]

            # caches: defaults are fine for us
            #[apim.cache.gateway_token]
            #enable = true

            [apim.analytics]
            enable = false
            auth_token = ""

            [apim.cors]
            allow_origins = "*"
            allow_methods = ["GET","PUT","POST","DELETE","PATCH","OPTIONS"]
            allow_headers = ["authorization","Access-Control-Allow-Origin","Content-Type","SOAPAction","apikey","Internal-Key"]
            allow_credentials = false

            [[event_handler]]
            name="userPostSelfRegistration"
            subscriptions=["POST_ADD_USER"]

            [service_provider]
            sp_name_regex = "^[\\\\sa-zA-Z0-9._-]*$"

            [database.local]
            url = "jdbc:h2:./repository/database/WSO2CARBON_DB;DB_CLOSE_ON_EXIT=FALSE"

            [[event_listener]]
            id = "token_revocation"
            type = "org.wso2.carbon.identity.core.handler.AbstractIdentityHandler"
            name = "org.wso2.is.notification.ApimOauthEventInterceptor"
            order = 1
            [event_listener.properties]
            notification_endpoint = "https://localhost:${mgt.transport.https.port}/internal/data/v1/notify"
            username = "${admin.username}"
            password = "${admin.password}"
            'header.X-WSO2-KEY-MANAGER' = "default"

            [oauth.grant_type.token_exchange]
            enable = true
            allow_refresh_tokens = true
            iat_validity_period = "1h"
            """;
}
