package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.config.toml.KnownTomlKeys;
import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.config.PrepareConfigStep;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every path of paths.yaml agrees with the code: its steps exist, its options bound (loading does that), the data
 * its options and facts name exists, and it begins and ends as the engine requires. The goals side (every catalogue
 * step has a goal) is checked in the plugin module, where the goals are (PathGoalsTest).
 */
class PathCatalogConsistencyTest {
    private static final List<UpgradePath> PATHS = PathCatalog.load().paths();
    private static final StepCatalog STEPS = new StepCatalog();

    @Test
    void everyPathStepIsACatalogueStepAndEveryOptionsTypeBelongsToOne() {
        for (UpgradePath p : PATHS) {
            for (String id : p.steps()) {
                assertTrue(STEPS.has(id), p.id() + ": step " + id + " is not in the StepCatalog");
            }
            for (String id : p.stepOptions().keySet()) {
                assertTrue(p.steps().contains(id), p.id() + ": options of " + id + " without the step");
            }
        }
        for (String id : StepOptions.TYPES.keySet()) {
            assertTrue(STEPS.has(id), "StepOptions.TYPES names " + id + ", which is not in the StepCatalog");
        }
    }

    @Test
    void everyPathBacksUpBeforeAnyDatabaseChangeAndVerifiesLast() {
        for (UpgradePath p : PATHS) {
            int backup = p.steps().indexOf("backup");
            assertTrue(backup >= 0, p.id() + " has no backup step");
            for (String before : p.steps().subList(0, backup)) {
                assertTrue(STEPS.get(before).databaseRoles().isEmpty(), p.id() + ": " + before
                        + " opens databases but runs before backup");
            }
            assertEquals("prepare-config", p.steps().get(0), p.id() + " starts with prepare-config");
            assertEquals("verify", p.steps().get(p.steps().size() - 1), p.id() + " ends with verify");
            assertFalse(p.steps().contains("restore"), p.id() + ": restore is a goal of its own, in no path");
        }
    }

    @Test
    void everyNamedSqlScriptExistsForAllSevenDialects() {
        List<String> missing = new ArrayList<>();
        for (UpgradePath p : PATHS) {
            List<String> ids = new ArrayList<>();
            p.stepOptions().values().forEach(o -> ids.addAll(o.sqlScripts()));
            for (String id : ids) {
                for (Dialect d : Dialects.all()) {
                    if (!SqlScripts.exists(id, d)) {
                        missing.add(p.id() + ": " + id + "/" + d.id());
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void stockDefaultsKnownKeysIdentityVersionsAndProofsExist() {
        ClientProofs proofs = ClientProofs.load();
        for (UpgradePath p : PATHS) {
            assertTrue(PrepareConfigStep.stockDefaultsAvailable(p), p.id() + ": no stock values for " + p.stockDefaults()
                    + " (" + p.sourceConfig() + ")");
            assertTrue(KnownTomlKeys.find(p.knownKeys()).isPresent(), p.id() + ": no known-keys/" + p.knownKeys() + ".txt");
            assertTrue(p.identityFrom() != null && p.identityTo() != null, p.id());
            if (p.steps().contains("migrate-identity")) {
                assertFalse(proofs.hop(p).identity().isEmpty(), p.id() + ": no identity proofs in client-proofs.yaml");
            }
            if (p.steps().contains("migrate-apim")) {
                StepOptions.MigrateApim apim = p.options(StepOptions.MigrateApim.class);
                assertFalse(proofs.hop(p).apim().isEmpty(), p.id() + ": no API-M proofs in client-proofs.yaml");
                if (apim.preValidation()) {
                    assertFalse(proofs.hop(p).preValidation().isEmpty(), p.id() + ": no pre-validation proofs");
                }
                assertFalse(apim.clientFlags().isEmpty(), p.id() + ": a client run needs its flags");
            }
        }
    }

    @Test
    void eachHopOfTheProofsBelongsToAPath() {
        for (ClientProofs.Hop h : ClientProofs.load().hops()) {
            assertTrue(PATHS.stream().anyMatch(p -> p.from().equals(h.from()) && p.to().equals(h.to())),
                    "client-proofs.yaml hop " + h.from() + " -> " + h.to() + " has no path");
        }
    }
}
