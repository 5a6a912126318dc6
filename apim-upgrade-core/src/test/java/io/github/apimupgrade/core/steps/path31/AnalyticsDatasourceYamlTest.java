package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalyticsDatasourceYamlTest {

    static final String DASHBOARD = """
            # Carbon Configuration Parameters
            wso2.carbon:
              type: wso2-apim-analytics
              # value to uniquely identify a server
              id: wso2-am-analytics

            wso2.datasources:
              dataSources:
                # Dashboard data source
                - name: WSO2_DASHBOARD_DB
                  description: The datasource used for dashboard feature
                  definition:
                    type: RDBMS
                    configuration:
                      jdbcUrl: 'jdbc:h2:${sys:carbon.home}/wso2/${sys:wso2.runtime}/database/DASHBOARD_DB'
                      username: wso2carbon
                      password: wso2carbon

                #Data source for APIM Analytics
                - name: APIM_ANALYTICS_DB
                  description: "The datasource used for APIM statistics aggregated data."
                  jndiConfig:
                    name: jdbc/APIM_ANALYTICS_DB
                  definition:
                    type: RDBMS
                    configuration:
                      jdbcUrl: 'jdbc:h2:${sys:carbon.home}/wso2/worker/database/WSO2AM_STATS_DB;AUTO_SERVER=TRUE'
                      username: wso2carbon
                      password: wso2carbon
                      driverClassName: org.h2.Driver
                      maxPoolSize: 50   # keep this
                      isAutoCommit: false

                #Main datasource used in API Manager
                - name: AM_DB
                  description: Main datasource used by API Manager
                  definition:
                    type: RDBMS
                    configuration:
                      jdbcUrl: "jdbc:h2:${sys:carbon.home}/../wso2am-3.1.0/repository/database/WSO2AM_DB"
                      username: wso2carbon
                      password: wso2carbon
                      maxPoolSize: 10
            """;

    @Test
    void pointsTwoDatasourcesAndKeepsEveryOtherByte() {
        Map<String, AnalyticsDatasourceYaml.Target> targets = new LinkedHashMap<>();
        targets.put("APIM_ANALYTICS_DB", new AnalyticsDatasourceYaml.Target("jdbc:postgresql://db:5432/analytics_db",
                "analytics", "s3cr'et", "org.postgresql.Driver", "SELECT 1"));
        targets.put("AM_DB", new AnalyticsDatasourceYaml.Target("jdbc:postgresql://db:5432/am_db",
                "apim", "123456", "org.postgresql.Driver", null));

        AnalyticsDatasourceYaml.Result r = AnalyticsDatasourceYaml.point(DASHBOARD, "conf/dashboard/deployment.yaml", targets);

        String expected = DASHBOARD
                .replace("""
                                  jdbcUrl: 'jdbc:h2:${sys:carbon.home}/wso2/worker/database/WSO2AM_STATS_DB;AUTO_SERVER=TRUE'
                                  username: wso2carbon
                                  password: wso2carbon
                                  driverClassName: org.h2.Driver
                                  maxPoolSize: 50   # keep this
                                  isAutoCommit: false
                        """, """
                                  jdbcUrl: 'jdbc:postgresql://db:5432/analytics_db'
                                  username: analytics
                                  password: 's3cr''et'
                                  driverClassName: org.postgresql.Driver
                                  maxPoolSize: 50   # keep this
                                  isAutoCommit: false
                                  connectionTestQuery: 'SELECT 1'
                        """)
                .replace("""
                                  jdbcUrl: "jdbc:h2:${sys:carbon.home}/../wso2am-3.1.0/repository/database/WSO2AM_DB"
                                  username: wso2carbon
                                  password: wso2carbon
                                  maxPoolSize: 10
                        """, """
                                  jdbcUrl: "jdbc:postgresql://db:5432/am_db"
                                  username: apim
                                  password: '123456'
                                  maxPoolSize: 10
                                  driverClassName: 'org.postgresql.Driver'
                        """);
        assertEquals(expected, r.text());
        assertEquals(List.of(), r.missing());
        assertEquals("s3cr'et", AnalyticsDatasourceYaml.read(r.text(), "x", "APIM_ANALYTICS_DB").get("password"));
        assertEquals("123456", AnalyticsDatasourceYaml.read(r.text(), "x", "AM_DB").get("password"));
        // a second application changes nothing
        assertEquals(r.text(), AnalyticsDatasourceYaml.point(r.text(), "conf/dashboard/deployment.yaml", targets).text());
    }

    @Test
    void reportsADatasourceTheFileLacks() {
        AnalyticsDatasourceYaml.Result r = AnalyticsDatasourceYaml.point(DASHBOARD, "conf/worker/deployment.yaml",
                Map.of("WSO2AM_MGW_ANALYTICS_DB", new AnalyticsDatasourceYaml.Target("jdbc:h2:mem:x", null, null, null, null)));
        assertEquals(DASHBOARD, r.text());
        assertEquals(List.of("WSO2AM_MGW_ANALYTICS_DB"), r.missing());
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        UpgradeException e = assertThrows(UpgradeException.class, () -> AnalyticsDatasourceYaml.point(
                "wso2.datasources:\n  dataSources:\n    - name: [unclosed\n", "conf/worker/deployment.yaml", Map.of()));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertEquals("conf/worker/deployment.yaml:4", e.location());
    }
}
