package io.github.apimupgrade.core.config.legacy;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyConfigTest {

    @TempDir
    Path conf;

    @Test
    void carbonXmlWithDefaultNamespaceAndVaultedPasswords() throws Exception {
        Files.writeString(conf.resolve("carbon.xml"), """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <Server xmlns="http://wso2.org/projects/carbon/carbon.xml" xmlns:vault="http://org.wso2.securevault/configuration">
                    <HostName>apim.example.com</HostName>
                    <Ports><Offset>3</Offset></Ports>
                    <Security>
                        <KeyStore>
                            <Location>${carbon.home}/repository/resources/security/custom.p12</Location>
                            <Type>PKCS12</Type>
                            <Password vault:secretAlias="Carbon.Security.KeyStore.Password">password</Password>
                            <KeyAlias>custom</KeyAlias>
                            <KeyPassword>keypass</KeyPassword>
                        </KeyStore>
                        <TrustStore>
                            <Location>${carbon.home}/repository/resources/security/client-truststore.jks</Location>
                            <Type>JKS</Type>
                            <Password>wso2carbon</Password>
                        </TrustStore>
                    </Security>
                </Server>
                """);
        CarbonXml carbon = LegacyConfig.read(conf).carbon().orElseThrow();
        assertEquals(Optional.of("apim.example.com"), carbon.hostName());
        assertEquals(Optional.empty(), carbon.mgtHostName());
        assertEquals(Optional.of("3"), carbon.offset());
        CarbonXml.KeystoreRef ks = carbon.keyStore().orElseThrow();
        assertEquals("custom.p12", ks.fileName());
        assertEquals("PKCS12", ks.type());
        assertNull(ks.password());
        assertEquals("Carbon.Security.KeyStore.Password", ks.passwordAlias());
        assertEquals("keypass", ks.keyPassword());
        assertEquals("custom", ks.keyAlias());
        assertEquals(Path.of("/opt/am/repository/resources/security/custom.p12"), ks.resolve(Path.of("/opt/am")));
        assertTrue(ks.where().endsWith("carbon.xml:6"), ks.where());
        assertTrue(carbon.internalKeyStore().isEmpty());
        assertEquals("wso2carbon", carbon.trustStore().orElseThrow().password());
    }

    @Test
    void userMgtActiveRealmOnly() throws Exception {
        Files.writeString(conf.resolve("user-mgt.xml"), """
                <UserManager xmlns:svns="http://org.wso2.securevault/configuration">
                    <Realm>
                        <Configuration>
                            <AddAdmin>true</AddAdmin>
                            <AdminRole>admin</AdminRole>
                            <AdminUser>
                                <UserName>root</UserName>
                                <Password svns:secretAlias="UserManager.AdminUser.Password">password</Password>
                            </AdminUser>
                            <EveryOneRoleName>everyone</EveryOneRoleName>
                            <Property name="dataSource">jdbc/WSO2UM_DB</Property>
                        </Configuration>
                        <!--UserStoreManager class="org.wso2.carbon.user.core.jdbc.JDBCUserStoreManager"/-->
                        <UserStoreManager class="org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager">
                            <Property name="ConnectionURL">ldap://ldap:389</Property>
                            <Property name="ConnectionPassword" svns:secretAlias="UserStoreManager.Property.ConnectionPassword">password</Property>
                        </UserStoreManager>
                        <AuthorizationManager class="org.wso2.carbon.user.core.authorization.JDBCAuthorizationManager">
                            <Property name="AuthorizationCacheEnabled">false</Property>
                        </AuthorizationManager>
                    </Realm>
                </UserManager>
                """);
        UserMgtXml um = LegacyConfig.read(conf).userMgt().orElseThrow();
        assertEquals(Optional.of("root"), um.adminUserName());
        assertEquals(Optional.empty(), um.adminPassword());
        assertEquals(Optional.of("UserManager.AdminUser.Password"), um.adminPasswordAlias());
        assertEquals(Map.of("dataSource", "jdbc/WSO2UM_DB"), um.realmProperties());
        assertEquals(Optional.of("org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager"),
                um.userStoreManagerClass());
        assertEquals(List.of("ConnectionURL", "ConnectionPassword"), List.copyOf(um.userStoreProperties().keySet()));
        assertEquals(Map.of("ConnectionPassword", "UserStoreManager.Property.ConnectionPassword"),
                um.userStorePropertyAliases());
        assertEquals(Map.of("AuthorizationCacheEnabled", "false"), um.authorizationManagerProperties());
        assertTrue(um.whereUserStoreProperty("ConnectionURL").endsWith("user-mgt.xml:15"));
    }

    @Test
    void apiManagerEnvironmentsAndLeaves() throws Exception {
        Files.writeString(conf.resolve("api-manager.xml"), """
                <APIManager>
                    <APIGateway>
                        <Environments>
                            <Environment type="production" api-console="false">
                                <Name>Prod &amp; Co</Name>
                                <GatewayEndpoint>http://gw:8280,https://gw:8243</GatewayEndpoint>
                                <GatewayWSEndpoint>ws://gw:9099,wss://gw:8099</GatewayWSEndpoint>
                            </Environment>
                            <Environment type="sandbox">
                                <Name>Sandbox</Name>
                            </Environment>
                        </Environments>
                    </APIGateway>
                    <CORSConfiguration><Enabled>false</Enabled></CORSConfiguration>
                </APIManager>
                """);
        ApiManagerXml am = LegacyConfig.read(conf).apiManager().orElseThrow();
        List<ApiManagerXml.GatewayEnvironment> envs = am.environments();
        assertEquals(2, envs.size());
        ApiManagerXml.GatewayEnvironment prod = envs.get(0);
        assertEquals("Prod & Co", prod.name());
        assertEquals("production", prod.type());
        assertEquals("false", prod.apiConsole());
        assertEquals(Optional.of("https://gw:8243"), prod.endpoint("https"));
        assertEquals(Optional.of("http://gw:8280"), prod.endpoint("http"));
        assertEquals(Optional.of("wss://gw:8099"), prod.endpoint("wss"));
        assertNull(envs.get(1).apiConsole());
        List<XmlLeaf> leaves = am.leaves();
        assertEquals("/APIManager/CORSConfiguration/Enabled", leaves.get(leaves.size() - 1).path());
        assertTrue(leaves.get(leaves.size() - 1).where().endsWith("api-manager.xml:14"));
    }

    @Test
    void registryFlagsAndIndexing() throws Exception {
        Files.writeString(conf.resolve("registry.xml"), """
                <wso2registry>\r
                    <indexingConfiguration>\r
                        <startIndexing>true</startIndexing>\r
                        <batchSize>50</batchSize>\r
                    </indexingConfiguration>\r
                    <staticConfiguration>\r
                        <versioningProperties>false</versioningProperties>\r
                        <versioningComments>true</versioningComments>\r
                    </staticConfiguration>\r
                </wso2registry>\r
                """);
        RegistryXml reg = LegacyConfig.read(conf).registry().orElseThrow();
        assertEquals(Map.of("versioningProperties", false, "versioningComments", true), reg.versioningFlags());
        assertTrue(reg.versioningOn());
        assertEquals(Map.of("startIndexing", "true", "batchSize", "50"), reg.indexing());
    }

    @Test
    void missingFilesAreEmptyAndMalformedOnesNameTheLine() throws Exception {
        LegacyConfig empty = LegacyConfig.read(conf);
        assertFalse(empty.registry().isPresent() || empty.carbon().isPresent() || empty.userMgt().isPresent()
                || empty.apiManager().isPresent());
        Files.writeString(conf.resolve("registry.xml"), "<wso2registry>\n<a>\n</wso2registry>\n");
        UpgradeException e = assertThrows(UpgradeException.class, () -> LegacyConfig.read(conf));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.location().endsWith("registry.xml:3"), e.location());
    }
}
