package io.github.apimupgrade.core.report;

import org.junit.jupiter.api.Test;

import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18: what report.html puts first, and how it shows each action, diff and time. */
class ReportHtmlTest {

    private static String html(RunReport r) {
        TimeZone was = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Amsterdam"));
            return ReportWriter.html(r);
        } finally {
            TimeZone.setDefault(was);
        }
    }

    @Test
    void theFirstScreenHasTheOutcomeDurationCountsAndOpenManualActionsBeforeTheSteps() {
        String h = html(ReportFixtures.longRun());
        int steps = h.indexOf("<h2>Steps</h2>");
        for (String first : new String[] {"succeeded", "<dt>Took</dt><dd>47 min 13 s</dd>",
                "<dd>9 done · 0 pending · 0 failed</dd>", "Manual actions still open (1)",
                "rm -rf /opt/wso2/wso2am-4.1.0/solr/data &amp;&amp; sh bin/api-manager.sh -Dsetup",
                "<dd>2026-12-02 05:15:00 +01:00</dd>"}) {
            int at = h.indexOf(first);
            assertTrue(at >= 0 && at < steps, first + " before the steps");
        }
        assertTrue(h.indexOf("<h2>Datasources</h2>") > steps, "reference sections come after the steps");
        assertFalse(h.contains("2026-12-02T04:15:00Z"), "no raw instant");
        assertTrue(h.contains("table-layout:fixed"), "a long diff line cannot widen the table");
    }

    @Test
    void eachActionIsARowWithItsStateAndDiffsAreColoured() {
        String h = html(ReportFixtures.longRun());
        assertTrue(h.contains("<span class=\"del\">-old_key_0 = &quot;value 0&quot;</span>"), "removed lines");
        assertTrue(h.contains("<span class=\"add\">+new_key_0 = &quot;value 0&quot;</span>"), "added lines");
        assertTrue(h.contains("<span class=\"hunk\">@@ -1,10 +1,10 @@</span>"));
        // migrate-apim: two actions, each its own row, with the result paired to it
        String apim = h.substring(h.indexOf("6. migrate-apim"), h.indexOf("7. reindex"));
        assertEquals(2, count(apim, "<span class=\"badge done\">done</span>"), apim);
        assertTrue(apim.contains("&#10003; API-M migration finished in 38 min 2 s"));
        assertTrue(apim.contains("1,204,311 rows"));
        assertTrue(h.contains("copy 34,000 new file(s) (81,920,000 bytes) into [new] repository/tenants/1"));
        assertFalse(h.contains("<th>node</th>"), "no node column on a single node");
    }

    @Test
    void aFailureSaysWhatWentWrongWhereAndWhatDidNotRun() {
        String h = html(ReportFixtures.failure());
        int steps = h.indexOf("<h2>Steps</h2>");
        assertTrue(h.indexOf("What went wrong") < steps);
        assertTrue(h.indexOf("mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true") < steps);
        assertTrue(h.contains("<dd>2 done · 4 pending · 1 failed</dd>"), "prepare-config and backup done");
        String identity = h.substring(h.indexOf("3. migrate-identity"), h.indexOf("4. migrate-apim"));
        int done = identity.indexOf("<span class=\"badge done\">done</span>");
        int failed = identity.indexOf("<span class=\"badge failed\">failed</span>");
        int notRun = identity.indexOf("<span class=\"badge not-run\">not run</span>");
        assertTrue(done >= 0 && done < failed && failed < notRun, "install done, server run failed, removal not run: " + identity);
        assertTrue(identity.contains("during: start wso2am-4.1.0"), identity);
        String later = h.substring(h.indexOf("4. migrate-apim"));
        assertTrue(later.contains("<span class=\"badge not-run\">not run</span>"));
    }

    @Test
    void aNodeColumnWhenTheRecordsNameNodes() {
        RunReport r = ReportFixtures.longRun();
        r.steps.get(0).node = "gw-1";
        String h = html(r);
        assertTrue(h.contains("<th>node</th>"));
        assertTrue(h.contains(">gw-1</td>"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
