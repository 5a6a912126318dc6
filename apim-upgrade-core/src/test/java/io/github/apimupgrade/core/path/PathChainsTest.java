package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairs without a catalogue entry: a chain where WSO2 documents no direct guide, a refusal everywhere else. */
class PathChainsTest {
    private final PathCatalog catalog = PathCatalog.load();

    @Test
    void twoSixToFourTwoHasNoDirectGuideAndIsNamedAsItsTwoHopsWithOneRunEach() {
        List<UpgradePath> hops = PathChains.load().chain(catalog.paths(), "2.6.0", "4.2.0").orElseThrow();
        assertEquals(List.of("2.6.0 -> 4.1.0", "4.1.0 -> 4.2.0"), hops.stream().map(UpgradePath::id).toList());

        UpgradeException e = assertThrows(UpgradeException.class, () -> catalog.find("2.6.0", "4.2.0"));
        assertEquals(ErrorCode.UNSUPPORTED_PATH, e.code());
        assertTrue(e.getMessage().contains("Upgrading API Manager 2.6.0 to 4.2.0 takes 2 hops: 2.6.0 -> 4.1.0 -> 4.2.0"
                + " (WSO2 documents no direct guide)"), e.getMessage());
        assertTrue(e.hint().contains("Run mvn apim-upgrade:migrate -Dapim.upgrade.fromVersion=2.6.0 -Dapim.upgrade.toVersion=4.1.0"
                + " -Dapim.upgrade.oldHome=<2.6.0 home> -Dapim.upgrade.newHome=<unpacked 4.1.0 home>; then"
                + " mvn apim-upgrade:migrate -Dapim.upgrade.fromVersion=4.1.0 -Dapim.upgrade.toVersion=4.2.0"
                + " -Dapim.upgrade.oldHome=<4.1.0 home> -Dapim.upgrade.newHome=<unpacked 4.2.0 home>."), e.hint());
        assertTrue(e.hint().endsWith("Supported paths: " + catalog.supportedList() + "."), e.hint());
    }

    @Test
    void aPairWso2DocumentsDirectlyIsNeverChainedEvenWhenTheCatalogueReachesIt() {
        // were 2.6.0 -> 4.2.0 a documented guide, the two catalogue hops would not stand in for it
        PathChains documented = new PathChains(Map.of("4.2.0", Set.of("2.6.0")));
        assertTrue(documented.chain(catalog.paths(), "2.6.0", "4.2.0").isEmpty());
        assertTrue(PathChains.load().hasDirectGuide("3.0.0", "4.2.0"));
        UpgradeException e = assertThrows(UpgradeException.class, () -> catalog.find("3.0.0", "4.2.0"));
        assertTrue(e.getMessage().contains("Upgrading API Manager 3.0.0 to 4.2.0 is not supported."), e.getMessage());
        assertTrue(e.hint().startsWith("Supported paths: "), e.hint());
        assertFalse(e.hint().contains("mvn apim-upgrade:migrate"), e.hint());
    }

    @Test
    void unreachablePairsAndDirectEntriesHaveNoChain() {
        PathChains chains = PathChains.load();
        assertTrue(chains.chain(catalog.paths(), "1.9.0", "4.2.0").isEmpty(), "no hop starts at 1.9.0");
        assertTrue(chains.chain(catalog.paths(), "4.1.0", "4.2.0").isEmpty(), "a catalogue entry is no chain");
        assertTrue(chains.chain(catalog.paths(), "4.2.0", "4.1.0").isEmpty(), "no downgrade");
        assertEquals("4.1.0 -> 4.2.0", catalog.find("4.1.0", "4.2.0").id());
        UpgradeException e = assertThrows(UpgradeException.class, () -> catalog.find("1.9.0", "4.2.0"));
        assertTrue(e.getMessage().contains("1.9.0 to 4.2.0 is not supported"), e.getMessage());
    }

    @Test
    void theGuideIndexNamesTheDirectSourcesOfEachTarget() {
        PathChains chains = PathChains.load();
        for (String from : List.of("3.0.0", "3.1.0", "3.2.0", "4.0.0", "4.1.0")) {
            assertTrue(chains.hasDirectGuide(from, "4.2.0"), from);
        }
        assertFalse(chains.hasDirectGuide("2.6.0", "4.2.0"));
        assertTrue(chains.hasDirectGuide("2.6.0", "4.1.0"));
        assertTrue(chains.hasDirectGuide("3.0.0", "3.1.0"));
        // every catalogue hop is a documented guide
        for (UpgradePath p : PathCatalog.load().paths()) {
            assertTrue(chains.hasDirectGuide(p.from(), p.to()), p.id());
        }
    }
}
