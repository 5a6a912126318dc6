package io.github.apimupgrade.core.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a minimal API Manager 2.6.0-shaped home (our own text, modelled on the shape of the stock files):
 * bin/version.txt and repository/conf with datasources, registry, user-mgt and api-manager files.
 * The default layout splits the databases as production setups do: AM, REG (governance + config mounts), UM.
 */
public final class LegacyHomeFixture {
    private final Path home;
    private String amUrl = "jdbc:h2:mem:am";
    private String regUrl = "jdbc:h2:mem:reg";
    private String umUrl = "jdbc:h2:mem:um";
    private String umJndi = "jdbc/WSO2UM_DB";
    private String amPasswordXml = "<password>amPass</password>";
    private boolean governanceMount = true;

    private LegacyHomeFixture(Path home) {
        this.home = home;
    }

    public static LegacyHomeFixture at(Path home) {
        return new LegacyHomeFixture(home);
    }

    public LegacyHomeFixture urls(String am, String reg, String um) {
        this.amUrl = am;
        this.regUrl = reg;
        this.umUrl = um;
        return this;
    }

    /** The realm uses the registry's datasource (no separate user store database). */
    public LegacyHomeFixture userStoreInRegistry() {
        this.umJndi = "jdbc/WSO2REG_DB";
        return this;
    }

    public LegacyHomeFixture userStoreJndi(String jndi) {
        this.umJndi = jndi;
        return this;
    }

    public LegacyHomeFixture amPasswordBySecureVault(String alias) {
        this.amPasswordXml = "<password svns:secretAlias=\"" + alias + "\"></password>";
        return this;
    }

    public LegacyHomeFixture withoutGovernanceMount() {
        this.governanceMount = false;
        return this;
    }

    public Path write() throws IOException {
        Path conf = home.resolve("repository/conf");
        Files.createDirectories(conf.resolve("datasources"));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v2.6.0\n");
        Files.writeString(conf.resolve("datasources/master-datasources.xml"), """
                <datasources-configuration xmlns:svns="http://org.wso2.securevault/configuration">
                    <providers><provider>org.wso2.carbon.ndatasource.rdbms.RDBMSDataSourceReader</provider></providers>
                    <datasources>
                        <datasource>
                            <name>WSO2_CARBON_DB</name>
                            <jndiConfig><name>jdbc/WSO2CarbonDB</name></jndiConfig>
                            <definition type="RDBMS"><configuration>
                                <url>jdbc:h2:mem:local</url><username>wso2carbon</username><password>wso2carbon</password>
                                <driverClassName>org.h2.Driver</driverClassName>
                            </configuration></definition>
                        </datasource>
                        <datasource>
                            <name>WSO2AM_DB</name>
                            <jndiConfig><name>jdbc/WSO2AM_DB</name></jndiConfig>
                            <definition type="RDBMS"><configuration>
                                <url>%s</url><username>amUser</username>%s
                                <driverClassName>org.h2.Driver</driverClassName>
                                <maxActive>80</maxActive><testOnBorrow>true</testOnBorrow>
                                <validationQuery>SELECT 1</validationQuery>
                            </configuration></definition>
                        </datasource>
                        <datasource>
                            <name>WSO2REG_DB</name>
                            <jndiConfig><name>jdbc/WSO2REG_DB</name></jndiConfig>
                            <definition type="RDBMS"><configuration>
                                <url>%s</url><username>regUser</username><password>regPass</password>
                                <driverClassName>org.h2.Driver</driverClassName>
                            </configuration></definition>
                        </datasource>
                        <datasource>
                            <name>WSO2UM_DB</name>
                            <jndiConfig><name>jdbc/WSO2UM_DB</name></jndiConfig>
                            <definition type="RDBMS"><configuration>
                                <url>%s</url><username>umUser</username><password>umPass</password>
                                <driverClassName>org.h2.Driver</driverClassName>
                            </configuration></definition>
                        </datasource>
                        <datasource>
                            <name>WSO2_MB_STORE_DB</name>
                            <jndiConfig><name>WSO2MBStoreDB</name></jndiConfig>
                            <definition type="RDBMS"><configuration>
                                <url>jdbc:h2:mem:mb</url><username>wso2carbon</username><password>wso2carbon</password>
                            </configuration></definition>
                        </datasource>
                    </datasources>
                </datasources-configuration>
                """.formatted(amUrl.replace("&", "&amp;"), amPasswordXml, regUrl.replace("&", "&amp;"),
                umUrl.replace("&", "&amp;")));
        String mounts = governanceMount ? """
                    <remoteInstance url="https://localhost:9443/registry">
                        <id>gov</id><cacheId>regUser@reg</cacheId><dbConfig>govregistry</dbConfig>
                        <readOnly>false</readOnly><enableCache>true</enableCache><registryRoot>/</registryRoot>
                    </remoteInstance>
                    <mount path="/_system/config" overwrite="true"><instanceId>gov</instanceId><targetPath>/_system/config</targetPath></mount>
                    <mount path="/_system/governance" overwrite="true"><instanceId>gov</instanceId><targetPath>/_system/governance</targetPath></mount>
                """ : "";
        Files.writeString(conf.resolve("registry.xml"), """
                <wso2registry>
                    <currentDBConfig>wso2registry</currentDBConfig>
                    <readOnly>false</readOnly>
                    <dbConfig name="wso2registry"><dataSource>%s</dataSource></dbConfig>
                    <dbConfig name="govregistry"><dataSource>jdbc/WSO2REG_DB</dataSource></dbConfig>
                %s
                    <staticConfiguration>
                        <versioningProperties>true</versioningProperties>
                        <versioningComments>true</versioningComments>
                        <versioningTags>true</versioningTags>
                        <versioningRatings>true</versioningRatings>
                    </staticConfiguration>
                </wso2registry>
                """.formatted(governanceMount ? "jdbc/WSO2CarbonDB" : "jdbc/WSO2REG_DB", mounts));
        Files.writeString(conf.resolve("user-mgt.xml"), """
                <UserManager>
                    <Realm>
                        <Configuration>
                            <AddAdmin>true</AddAdmin>
                            <AdminRole>admin</AdminRole>
                            <AdminUser><UserName>admin</UserName><Password>admin</Password></AdminUser>
                            <EveryOneRoleName>everyone</EveryOneRoleName>
                            <Property name="isCascadeDeleteEnabled">true</Property>
                            <Property name="dataSource">%s</Property>
                        </Configuration>
                        <UserStoreManager class="org.wso2.carbon.user.core.jdbc.JDBCUserStoreManager">
                            <Property name="TenantManager">org.wso2.carbon.user.core.tenant.JDBCTenantManager</Property>
                        </UserStoreManager>
                    </Realm>
                </UserManager>
                """.formatted(umJndi));
        Files.writeString(conf.resolve("api-manager.xml"), """
                <APIManager>
                    <DataSourceName>jdbc/WSO2AM_DB</DataSourceName>
                    <APIGateway>
                        <Environments>
                            <Environment type="hybrid" api-console="true">
                                <Name>Production and Sandbox</Name>
                            </Environment>
                        </Environments>
                    </APIGateway>
                </APIManager>
                """);
        return home;
    }
}
