package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeRoleMapperTest {

    private static ScopeRoleMapper.Result map(String json, Map<String, String> mapping) {
        return ScopeRoleMapper.map(json.getBytes(StandardCharsets.UTF_8), mapping, "tenant-conf.json of tenant 1");
    }

    @Test
    void matchesRolesIgnoringCaseAndSpacesAndNeverDuplicates() {
        ScopeRoleMapper.Result r = map("""
                {"RESTAPIScopes":{"Scope":[
                  {"Name":"a","Roles":"admin , internal/CREATOR"},
                  {"Name":"b","Roles":"Internal/creator,APICreator"},
                  {"Name":"c","Roles":""},
                  {"Name":"d"}
                ]},"Price":1.10}
                """, Map.of("apicreator", "Internal/creator"));

        assertEquals(List.of("a: + apicreator"), r.changes());
        assertTrue(r.after().contains("\"Roles\" : \"admin , internal/CREATOR, apicreator\""), r.after());
        assertTrue(r.after().contains("\"Roles\" : \"Internal/creator,APICreator\""), r.after());
        assertTrue(r.after().contains("\"Price\" : 1.10"), "numbers are kept exactly: " + r.after());
    }

    @Test
    void severalCustomRolesAreAddedInNameOrder() {
        ScopeRoleMapper.Result r = map("{\"RESTAPIScopes\":{\"Scope\":[{\"Name\":\"v\",\"Roles\":\"admin,Internal/publisher,Internal/creator\"}]}}",
                Map.of("zpub", "Internal/publisher", "acreate", "Internal/creator"));
        assertEquals(List.of("v: + acreate, zpub"), r.changes());
        assertTrue(r.after().contains("\"admin,Internal/publisher,Internal/creator,acreate,zpub\""), r.after());
    }

    @Test
    void aDocumentWithoutScopesIsReportedNotChanged() {
        ScopeRoleMapper.Result r = map("{\"EnableMonetization\":false}", Map.of("x", "Internal/creator"));
        assertFalse(r.hasScopes());
        assertFalse(r.changed());
        assertEquals(r.before(), r.after());
    }

    @Test
    void invalidJsonIsAUserErrorNamingTheDocument() {
        UpgradeException e = assertThrows(UpgradeException.class, () -> map("[1,2]", Map.of("x", "y")));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.getMessage().startsWith("The tenant-conf.json of tenant 1 is not valid JSON"), e.getMessage());
    }
}
