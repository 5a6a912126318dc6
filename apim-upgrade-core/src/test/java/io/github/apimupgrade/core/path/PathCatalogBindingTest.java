package io.github.apimupgrade.core.path;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** paths.yaml is bound strictly: each defect fails loading with the path, the step, the key and the allowed keys. */
class PathCatalogBindingTest {
    private static final String HEAD = """
            identityVersions: { "3.0.0": "5.9.0", "3.1.0": "5.10.0" }
            paths:
              - from: "3.0.0"
                to: "3.1.0"
                guide: "g"
                serverScript: "wso2server"
                postgresSuperuserRequired: false
                sourceConfig: toml
                stockDefaults: "3.0.0"
                knownKeys: "3.1.0"
                steps:
                  - prepare-config: { deferAdminRole: false, globalSequenceSkipList: false, identityRunUserStore: true,
                      registryVersioningOff: true }
            """;

    private static PathCatalog parse(String yaml) {
        return PathCatalog.parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml), "paths.yaml");
    }

    private static String failure(String yaml) {
        return assertThrows(CatalogBinder.CatalogException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void bindsStepOptionsIntoTheirRecords() {
        UpgradePath p = parse(HEAD + """
                      - migrate-apim: { sharedDbScripts: [], client: optional, clientFlags: ["-DmigrateFromVersion=3.0.0"], preValidation: false }
                      - verify
                """).find("3.0.0", "3.1.0");
        assertEquals(List.of("prepare-config", "migrate-apim", "verify"), p.steps());
        assertEquals(new StepOptions.PrepareConfig(false, false, true, true), p.options(StepOptions.PrepareConfig.class));
        assertEquals(new StepOptions.MigrateApim(List.of(), StepOptions.Client.OPTIONAL, List.of("-DmigrateFromVersion=3.0.0"), false),
                p.options(StepOptions.MigrateApim.class));
        assertEquals(UpgradePath.ConfigFormat.TOML, p.sourceConfig());
        assertEquals("5.9.0", p.identityFrom());
    }

    @Test
    void anUnknownKeyIsNamedWithTheAllowedOnes() {
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0, step migrate-apim: unknown key 'clientFlag' (allowed keys: "
                        + "sharedDbScripts, client, clientFlags, preValidation)",
                failure(HEAD + "      - migrate-apim: { sharedDbScripts: [], client: required, clientFlag: [], preValidation: true }\n"));
    }

    @Test
    void aMissingKeyIsNamed() {
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0, step finalize: missing key 'adminRoleFromOldHome' (allowed keys: "
                + "groupRoleSeparation, adminRoleFromOldHome)", failure(HEAD + "      - finalize: { groupRoleSeparation: true }\n"));
    }

    @Test
    void aWrongTypeIsNamedWithItsKey() {
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0, step reindex.sharedDbScripts: expected a list, not the string "
                + "'reg-index'", failure(HEAD + "      - reindex: { sharedDbScripts: reg-index }\n"));
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0, step migrate-apim.client: 'sometimes' is not one of required, optional",
                failure(HEAD + "      - migrate-apim: { sharedDbScripts: [], client: sometimes, clientFlags: [], preValidation: true }\n"));
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0, step migrate-identity.removeSteps[0].order: expected an integer, not "
                        + "the string 'two'",
                failure(HEAD + "      - migrate-identity: { clientFlags: [], apimDbScripts: [], db2LargeTablespaceNote: false,"
                        + " groupRoleSeparationOffForRun: false, removeSteps: [{ version: \"5.10.0\", name: X, order: two }] }\n"));
    }

    @Test
    void aStepWithOptionsCannotBeBareAndOneWithoutCannotHaveThem() {
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0, step finalize: needs its options ('- finalize: { ... }' with the "
                + "keys groupRoleSeparation, adminRoleFromOldHome)", failure(HEAD + "      - finalize\n"));
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0, step backup: takes no options (write it as a bare '- backup')",
                failure(HEAD + "      - backup: { full: true }\n"));
    }

    @Test
    void pathLevelFactsAreStrictToo() {
        assertEquals("paths.yaml, path #1: unknown key 'sourceConfigs' (allowed keys: from, to, guide, serverScript, "
                        + "postgresSuperuserRequired, sourceConfig, stockDefaults, knownKeys, steps)",
                failure(HEAD.replace("sourceConfig: toml", "sourceConfigs: toml")));
        assertEquals("paths.yaml, path #1.sourceConfig: 'json' is not one of xml, toml",
                failure(HEAD.replace("sourceConfig: toml", "sourceConfig: json")));
        assertEquals("paths.yaml, path #1.from: expected a string (quote version numbers: \"4.1.0\"), not double '3.0'",
                failure(HEAD.replace("from: \"3.0.0\"", "from: 3.0")));
        assertEquals("paths.yaml, path 3.0.0 -> 3.1.0: identityVersions has no entry for 3.1.0",
                failure(HEAD.replace(", \"3.1.0\": \"5.10.0\"", "")));
    }

    @Test
    void anUnsupportedPairListsTheSupportedOnes() {
        var e = assertThrows(io.github.apimupgrade.core.api.UpgradeException.class,
                () -> PathCatalog.load().find("1.10.0", "4.1.0"));
        assertEquals(true, e.getMessage().contains("1.10.0 to 4.1.0 is not supported"), e.getMessage());
        assertEquals(true, e.hint().contains("2.6.0 -> 4.1.0") && e.hint().contains("3.0.0 -> 3.1.0")
                && e.hint().contains("4.0.0 -> 4.1.0"), e.hint());
    }
}
