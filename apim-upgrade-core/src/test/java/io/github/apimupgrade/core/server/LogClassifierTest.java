package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.server.LogClassifier.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogClassifierTest {
    private static final String AM = "org.wso2.carbon.apimgt.migration.APIMMigrationClient";
    private static final String IS = "org.wso2.carbon.is.migration.MigrationClientImpl";
    private static final String FINALIZER = "org.wso2.carbon.core.internal.StartupFinalizerServiceComponent";

    private static String line(String level, String logger, String message) {
        return "TID: [-1234] [] [2022-07-22 10:15:03,582] " + String.format("%5s", level) + " {" + logger + "} - " + message;
    }

    private final LogClassifier c = new LogClassifier();

    @Test
    void startedAfterACleanMigration() {
        assertEquals(Signal.NONE, c.accept(line("INFO", AM, "WSO2 API-M Migration Task : Starting API-M migration from 2.6.0 to 2.6.0")));
        assertEquals(Signal.NONE, c.accept(line("INFO", AM, "WSO2 API-M Migration Task : Successfully completed API-M migration from 2.6.0 to 4.1.0")));
        assertEquals(Signal.STARTED, c.accept(line("INFO", FINALIZER, "WSO2 Carbon started in 42 sec")));
        assertTrue(c.started());
        assertEquals(List.of(), c.migrationErrors());
        assertEquals("WSO2 API-M Migration Task : Successfully completed API-M migration from 2.6.0 to 4.1.0",
                c.lastMigrationEvent());
    }

    @Test
    void errorLinesOfMigrationLoggersAreCollectedWithTheirCause() {
        c.accept(line("INFO", AM, "WSO2 API-M Migration Task : Starting API-M migration from 2.6.0 to 2.6.0"));
        c.accept(line("ERROR", "org.wso2.carbon.apimgt.migration.migrator.commonMigrators.PreDBScriptMigrator",
                "WSO2 API-M Migration Task : Error occurred while migrating databases"));
        c.accept("java.sql.SQLSyntaxErrorException: Duplicate column name 'API_TYPE'");
        c.accept("\tat org.mariadb.jdbc.Statement.execute(Statement.java:123)");
        c.accept(line("INFO", AM, "WSO2 API-M Migration Task : Successfully completed API-M migration from 2.6.0 to 4.1.0"));
        assertEquals(Signal.STARTED, c.accept(line("INFO", FINALIZER, "WSO2 Carbon started in 42 sec")));
        assertEquals(List.of("ERROR {org.wso2.carbon.apimgt.migration.migrator.commonMigrators.PreDBScriptMigrator} - "
                + "WSO2 API-M Migration Task : Error occurred while migrating databases | "
                + "java.sql.SQLSyntaxErrorException: Duplicate column name 'API_TYPE'"), c.migrationErrors());
    }

    @Test
    void aDaoErrorCountsByTheClientFramesInItsStackNotByItsLoggerName() {
        String dao = "org.wso2.carbon.apimgt.impl.dao.ApiMgtDAO";
        // the server's own start against the old schema: no client frame
        c.accept(line("ERROR", dao, "Failed to retrieve TENANT Configuration for org: carbon.super"));
        c.accept("\tat org.wso2.carbon.apimgt.impl.dao.ApiMgtDAO.getTenantConfig(ApiMgtDAO.java:120)");
        // the same DAO called by the client's data migrator
        c.accept(line("ERROR", dao, "Error while updating the API type java.sql.SQLException: ORA-00904: \"TENANT_DOMAIN\""));
        c.accept("\tat org.wso2.carbon.apimgt.impl.dao.ApiMgtDAO.updateApiType(ApiMgtDAO.java:901)");
        c.accept("\tat org.wso2.carbon.apimgt.migration.migrator.v400.V400DBDataMigrator.migrate(V400DBDataMigrator.java:93)");
        c.accept(line("INFO", AM, "WSO2 API-M Migration Task : Successfully completed API-M migration from 3.0.0 to 3.1.0"));
        assertEquals(1, c.migrationErrorCount());
        assertTrue(c.migrationErrors().get(0).contains("Error while updating the API type"), c.migrationErrors().toString());
        assertEquals(1, c.otherErrors().size());
        assertFalse(c.crashed());
    }

    @Test
    void frameworkEventErrorWithClientFramesIsACrashAtTheFirstFrame() {
        assertEquals(Signal.NONE, c.accept(line("ERROR", "Framework", "FrameworkEvent ERROR java.lang.NoSuchMethodError: "
                + "'void org.wso2.carbon.apimgt.api.model.APIProductIdentifier.setUUID(java.lang.String)'")));
        assertEquals(Signal.CLIENT_CRASHED, c.accept("\tat org.wso2.carbon.apimgt.migration.migrator.v400."
                + "V400RegistryResourceMigrator.addAPIProductRevision(V400RegistryResourceMigrator.java:700)"));
        assertTrue(c.crashed());
        assertEquals(1, c.migrationErrorCount());
    }

    @Test
    void frameworkEventErrorOfAnotherBundleIsNoClientCrash() {
        c.accept(line("ERROR", "Framework", "FrameworkEvent ERROR java.lang.IllegalStateException: x"));
        assertEquals(Signal.NONE, c.accept("\tat org.wso2.carbon.mediation.Foo.bar(Foo.java:1)"));
        assertEquals(Signal.NONE, c.accept(line("INFO", FINALIZER, "Server           :  WSO2 API Manager-4.1.0")));
        assertFalse(c.crashed());
        assertEquals(0, c.migrationErrorCount());
        assertEquals(1, c.otherErrors().size());
    }

    @Test
    void theStartupFinalizerFailureIsACrashWhateverTheStack() {
        assertEquals(Signal.CLIENT_CRASHED, c.accept(line("FATAL", FINALIZER,
                "Cannot activate StartupFinalizerServiceComponent java.lang.NullPointerException")));
    }

    @Test
    void customisedPatternsAreParsed() {
        String tenant = "TID: [-1234] Tenant: [carbon.super] [2022-07-22 10:15:03,582] [5f1e8a1c] : apim : ERROR {"
                + AM + "} - WSO2 API-M Migration Task : API Migration exception occurred while migrating";
        String shortPattern = "[2022-07-22 10:15:03,582] []  WARN {" + AM + "} - careful";
        c.accept(tenant);
        c.accept(shortPattern);
        assertEquals(1, c.migrationErrorCount());
        assertEquals(List.of("WARN {" + AM + "} - careful"), c.warnings());
        assertEquals(Signal.STARTED, c.accept("[2022-07-22 10:15:03,582] []  INFO {" + FINALIZER + "} - WSO2 Carbon started in 3 sec"));
    }

    @Test
    void aLogWithoutLevelAndLoggerIsUnreadableAfterAFewLines() {
        Signal last = Signal.NONE;
        for (int i = 0; i < LogClassifier.UNREADABLE_AFTER; i++) {
            last = c.accept("[2022-07-22 10:15:03,582]  INFO - CarbonCoreActivator Starting WSO2 Carbon...");
        }
        assertEquals(Signal.UNREADABLE_PATTERN, last);
        assertTrue(c.firstUnreadableLine().contains("CarbonCoreActivator"));
    }

    @Test
    void proofsAreTheClientsOwnStepLinesNotItsSuccessLine() {
        List<LogProof> proofs = io.github.apimupgrade.core.path.ClientProofs.load().hop("2.6.0", "4.1.0").orElseThrow().apim();
        LogClassifier p = new LogClassifier(true, proofs);
        p.accept(line("INFO", "org.wso2.carbon.apimgt.migration.client.internal.APIMMigrationServiceComponent",
                "Activating ExtendedAPIMConfigService."));
        p.accept(line("INFO", AM, "WSO2 API-M Migration Task : Successfully completed API-M migration from 2.6.0 to 4.1.0"));
        assertEquals(2, p.missingProofs().size());
        assertFalse(p.migrationStepStarted());
        p.accept(line("INFO", "org.wso2.carbon.apimgt.migration.migrator.client.V300Migration", "Starting migration from 2.6.0 to 3.0.0..."));
        assertTrue(p.migrationStepStarted());
        p.accept(line("INFO", "org.wso2.carbon.apimgt.migration.migrator.client.V410Migration", "Completed migration from 4.0.0 to 4.1.0..."));
        assertEquals(List.of(), p.missingProofs());
    }

    @Test
    void theErrorSampleIsBoundedButCountsEveryLine() {
        for (int i = 0; i < 1000; i++) {
            c.accept(line("ERROR", AM, "failure " + i));
        }
        assertEquals(1000, c.migrationErrorCount());
        List<String> sample = c.migrationErrors();
        assertEquals(2 * LogClassifier.SAMPLE + 1, sample.size());
        assertTrue(sample.get(0).endsWith("failure 0"));
        assertTrue(sample.get(LogClassifier.SAMPLE).contains("960 more"), sample.get(LogClassifier.SAMPLE));
        assertTrue(sample.get(sample.size() - 1).endsWith("failure 999"));
    }

    @Test
    void afterPreValidationTheOldSchemaDaoErrorsDoNotCount() {
        String validator = "org.wso2.carbon.apimgt.migration.validator.ValidationHandler";
        c.accept(line("INFO", validator, "Running all validator steps........."));
        c.accept(line("INFO", validator, "Successfully completed apiDefinitionValidation for tenant -1234(carbon.super).........."));
        c.accept(line("ERROR", "org.wso2.carbon.apimgt.impl.dao.ApiMgtDAO", "column \"organization\" does not exist"));
        assertEquals(Signal.STARTED, c.accept(line("INFO", FINALIZER, "WSO2 Carbon started in 30 sec")));
        assertEquals(List.of(), c.migrationErrors());
        assertEquals(1, c.otherErrors().size());
    }

    @Test
    void unrelatedErrorsAreNotMigrationErrors() {
        c.accept(line("ERROR", "org.wso2.carbon.apimgt.impl.notifier.Notifier", "Connection refused"));
        assertEquals(List.of(), c.migrationErrors());
        assertEquals(1, c.otherErrors().size());
    }

    @Test
    void migrationStopped() {
        assertEquals(Signal.MIGRATION_STOPPED, c.accept(line("ERROR", IS, "Migration process was stopped.")));
        assertEquals(1, c.migrationErrors().size());
    }

    @Test
    void waitingForTheMigrationClientIsAHang() {
        assertEquals(Signal.CLIENT_MISSING, c.accept(line("WARN",
                "org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent", "Waiting for migration client.")));
    }

    @Test
    void repeatedOsgiWaitsOutsideAMigrationAreAHang() {
        String wait = line("WARN", FINALIZER, "Waiting for required OSGi services: org.wso2.carbon.x.Service");
        assertEquals(Signal.NONE, c.accept(wait));
        assertEquals(Signal.OSGI_HANG, c.accept(wait));
    }

    @Test
    void osgiWaitsDuringALongIdentityMigrationAreNotAHang() {
        String wait = line("WARN", FINALIZER, "Waiting for required OSGi services: org.wso2.carbon.x.Service");
        c.accept(line("INFO", "org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent",
                "Executing Migration client : org.wso2.carbon.is.migration.MigrationClientImpl"));
        assertEquals(Signal.NONE, c.accept(wait));
        assertEquals(Signal.NONE, c.accept(wait));
        assertEquals(Signal.NONE, c.accept(wait));
    }

    @Test
    void poolExhaustionOnTheErrorLineAsInTheSeed() {
        assertEquals(Signal.POOL_EXHAUSTED, c.accept(line("ERROR", "org.wso2.carbon.registry.core.dataaccess.TransactionManager",
                " Failed to start new registry transaction. {org.wso2.carbon.registry.core.dataaccess.TransactionManager} "
                        + "org.apache.tomcat.jdbc.pool.PoolExhaustedException: [pool-30-thread-11] Timeout: Pool empty. "
                        + "Unable to fetch a connection in 60 seconds, none available[size:50; busy:50; idle:0; lastwait:60000")));
        assertTrue(c.poolExhausted());
        assertEquals(1, c.migrationErrors().size());
    }

    @Test
    void poolExhaustionInTheStackTraceTurnsTheErrorLineIntoAMigrationError() {
        assertEquals(Signal.NONE, c.accept(line("ERROR", "org.wso2.carbon.registry.core.dataaccess.TransactionManager",
                "Failed to start new registry transaction.")));
        assertEquals(Signal.POOL_EXHAUSTED, c.accept("org.apache.tomcat.jdbc.pool.PoolExhaustedException: "
                + "[pool-30-thread-11] Timeout: Pool empty. Unable to fetch a connection in 60 seconds"));
        assertEquals(1, c.migrationErrors().size());
        assertTrue(c.migrationErrors().get(0).contains("Failed to start new registry transaction. | "
                + "org.apache.tomcat.jdbc.pool.PoolExhaustedException"));
        assertEquals(List.of(), c.otherErrors());
    }

    @Test
    void poolExhaustionInAPlainStartIsOnlyReported() {
        LogClassifier plain = new LogClassifier(false);
        assertEquals(Signal.NONE, plain.accept(line("ERROR", "org.wso2.carbon.registry.core.dataaccess.TransactionManager",
                "Failed to start new registry transaction. org.apache.tomcat.jdbc.pool.PoolExhaustedException: Timeout")));
        assertEquals(List.of(), plain.migrationErrors());
        assertEquals(1, plain.otherErrors().size());
    }

    @Test
    void identityErrorsWithContinueOnErrorStillFail() {
        c.accept(line("INFO", IS, "Migration Versions List........................."));
        c.accept(line("ERROR", "org.wso2.carbon.is.migration.service.SchemaMigrator", "An error occurred while rolling back transactions."));
        c.accept(line("INFO", IS, " WSO2 Product Migration Service Task : Execution was done through all the requested version list without having unexpected issues."));
        assertEquals(Signal.STARTED, c.accept(line("INFO", FINALIZER, "WSO2 Carbon started in 12 sec")));
        assertEquals(1, c.migrationErrors().size());
    }

    @Test
    void dotLinesAreNoProgressEvents() {
        c.accept(line("INFO", IS, "............................................"));
        assertNull(c.lastMigrationEvent());
    }

    @Test
    void consoleFormatWithoutTidIsUnderstood() {
        c.accept("[2022-07-22 10:15:03,582] ERROR {" + AM + "} - WSO2 API-M Migration Task : Error while executing migration");
        assertEquals(1, c.migrationErrors().size());
    }
}
