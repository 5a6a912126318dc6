package io.github.apimupgrade.core.steps.backup;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vendor tools' host, port and database from the JDBC URLs WSO2's datasource files carry. */
class EndpointTest {
    @Test
    void postgresAndMysqlUrlsGiveTheToolsArguments() {
        assertEquals(Optional.of(new Endpoint("db.example", 5433, "apim_db", Map.of("sslmode", "require"))),
                Endpoint.parse("jdbc:postgresql://db.example:5433/apim_db?sslmode=require"));
        assertEquals(Optional.of(new Endpoint("localhost", 3306, "WSO2AM_DB", Map.of("usessl", "false", "autoreconnect", "true"))),
                Endpoint.parse("jdbc:mysql://localhost/WSO2AM_DB?useSSL=false&autoReconnect=true"));
        assertEquals(5432, Endpoint.parse("jdbc:postgresql://pg/reg").orElseThrow().port());
    }

    @Test
    void urlsTheToolsCannotTakeFallBackToTheJdbcExport() {
        assertEquals(Optional.empty(), Endpoint.parse("jdbc:mysql://a:3306,b:3306/WSO2AM_DB"));
        assertEquals(Optional.empty(), Endpoint.parse("jdbc:postgresql://db.example:5432/"));
        assertEquals(Optional.empty(), Endpoint.parse("jdbc:h2:./repository/database/WSO2AM_DB"));
        assertEquals(Optional.empty(), Endpoint.parse("jdbc:oracle:thin:@//db:1521/APIM"));
    }
}
