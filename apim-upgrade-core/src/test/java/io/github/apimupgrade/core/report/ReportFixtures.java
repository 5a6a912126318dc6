package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.steps.ManualAction;

import java.time.Instant;

/** Reports as the engine builds them, for the writer, HTML and screenshot tests: a long run and a failed one. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static final Instant START = Instant.parse("2026-12-02T04:15:00Z");

    private static RunReport base(String goal) {
        RunReport r = new RunReport();
        r.goal = goal;
        r.path = "2.6.0 -> 4.1.0";
        r.guide = "Upgrading API Manager from 2.6.0 to 4.1.0";
        r.oldHome = "/opt/wso2/wso2am-2.6.0";
        r.newHome = "/opt/wso2/wso2am-4.1.0";
        r.fromVersion = "2.6.0";
        r.toVersion = "4.1.0";
        r.started = START;
        r.datasources.add(new RunReport.DatasourceLine("apim_db", "WSO2AM_DB", "jdbc:mysql://db.example.com:3306/apimgtdb",
                "apimuser", "master-datasources.xml:23", "mysql"));
        r.datasources.add(new RunReport.DatasourceLine("shared_db", "WSO2REG_DB", "jdbc:mysql://db.example.com:3306/regdb",
                "reguser", "master-datasources.xml:41", "mysql"));
        return r;
    }

    private static RunReport.StepEntry step(String id, String title, String before, String after, Long millis) {
        RunReport.StepEntry s = new RunReport.StepEntry();
        s.id = id;
        s.title = title;
        s.stateBefore = before;
        s.stateAfter = after;
        s.durationMillis = millis;
        return s;
    }

    /** A diff of {@code n} changed lines, one of them far wider than any screen. */
    static String diff(String file, int n) {
        StringBuilder d = new StringBuilder("--- a/" + file + "\n+++ b/" + file + "\n@@ -1," + n + " +1," + n + " @@\n");
        for (int i = 0; i < n; i++) {
            d.append("-old_key_").append(i).append(" = \"value ").append(i).append("\"\n");
            d.append("+new_key_").append(i).append(" = \"value ").append(i).append("\"\n");
        }
        d.append("+very_long = \"").append("x".repeat(600)).append("\"\n");
        return d.toString();
    }

    /** A whole 2.6.0 -> 4.1.0 migrate that succeeded after 47 minutes, with big diffs and a manual action left. */
    static RunReport longRun() {
        RunReport r = base("migrate");
        r.finished = START.plusSeconds(47 * 60 + 13);
        r.outcome = RunReport.Outcome.SUCCEEDED;
        String[][] steps = {
                {"prepare-config", "Step 1 - migrate the configuration to deployment.toml"},
                {"backup", "Before step 1 - back up every database"},
                {"migrate-registry-versioning", "Step 1.5 - remove registry versioning"},
                {"migrate-resources", "Step 2 - migrate the API Manager resources"},
                {"migrate-identity", "Step 3 - migrate the identity components"},
                {"migrate-apim", "Step 4 - migrate the API Manager components"},
                {"reindex", "Step 5 - re-index the API Manager artifacts"},
                {"finalize", "Step 6 - final configuration and restart"},
                {"verify", "After the last step - compare the counts"}};
        for (int i = 0; i < steps.length; i++) {
            RunReport.StepEntry s = step(steps[i][0], steps[i][1], "PENDING", "SUCCEEDED", 1000L * (30 + i * 97));
            s.actions.add(new RunReport.ActionLine("FILE_WRITE", "update repository/conf/deployment.toml (+" + (10 + i) + " -" + i
                    + " lines)", diff("repository/conf/deployment.toml", 10 + i * 8)));
            s.results.add("wrote repository/conf/deployment.toml (previous version kept as deployment.toml.apim-upgrade-"
                    + "20261202T041500Z.bak)");
            if (i == 3) {
                RunReport.FileGroup g = new RunReport.FileGroup();
                g.directory = "[new] repository/tenants/1";
                g.count = 34_000;
                g.bytes = 81_920_000;
                s.fileGroups.add(g);
                s.results.add("copied 34,000 file(s) into [new] repository/tenants/1");
            }
            if (i == 5) {
                s.actions.add(new RunReport.ActionLine("SERVER_RUN", "start wso2am-4.1.0: sh bin/api-manager.sh -Dmigrate "
                        + "-DmigrateFromVersion=2.6.0 -DmigratedVersion=4.1.0 (API-M migration 2.6.0 -> 4.1.0, timeout 2h 0m)",
                        "sh bin/api-manager.sh -Dmigrate -DmigrateFromVersion=2.6.0 -DmigratedVersion=4.1.0"));
                s.results.add("API-M migration finished in 38 min 2 s");
                s.rows = 1_204_311;
                s.warnings.add("Back up every database before this step: WSO2's migration scripts are not idempotent.");
                s.manualActions.add(new ManualAction(s.id, "Re-create the Solr index of the Developer Portal",
                        "/opt/wso2/wso2am-4.1.0/solr", "rm -rf /opt/wso2/wso2am-4.1.0/solr/data && sh bin/api-manager.sh -Dsetup"));
            }
            s.notes.add("ran on node " + (i % 2 == 0 ? "gw-1" : "km-1"));
            r.steps.add(s);
        }
        r.reportFile = "report-migrate-20261202T041500Z";
        return r;
    }

    /** migrate failed in migrate-identity's server run; the later steps did not run. */
    static RunReport failure() {
        RunReport r = base("migrate");
        r.finished = START.plusSeconds(8 * 60 + 41);
        r.outcome = RunReport.Outcome.FAILED;
        r.error = new RunReport.ErrorLine("SERVER_FAILED", "The identity migration logged an ERROR: "
                + "TID: [-1234] [] [2026-12-02 04:23:41,118] ERROR {org.wso2.carbon.is.migration.MigrationClientImpl} - "
                + "Migration process was stopped.", "/opt/wso2/wso2am-4.1.0/repository/logs/wso2carbon.log:2211",
                "Look at the log lines before it, fix the cause, then run mvn apim-upgrade:migrate again: it resumes at "
                        + "migrate-identity.\nIf the databases were changed, restore the backup first:\n"
                        + "  mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true");
        r.restore = "The pre-upgrade backup is recorded in /opt/wso2/wso2am-4.1.0/.apim-upgrade/backup.json.";
        r.steps.add(step("prepare-config", "Step 1 - migrate the configuration to deployment.toml", "SUCCEEDED", null, null));
        r.steps.get(0).notes.add("done: SUCCEEDED 2026-12-02T03:58:10Z (this home's journal): not run again");
        RunReport.StepEntry b = step("backup", "Before step 1 - back up every database", "PENDING", "SUCCEEDED", 95_000L);
        b.actions.add(new RunReport.ActionLine("CHECK", "dump WSO2AM_DB (apim_db) (mysqldump) to /backup/WSO2AM_DB.sql", ""));
        b.results.add("dumped WSO2AM_DB (apim_db): 48,211 rows");
        r.steps.add(b);
        RunReport.StepEntry id = step("migrate-identity", "Step 3 - migrate the identity components", "PENDING", "FAILED", 431_000L);
        String install = "copy migration-resources/ (12 files) and org.wso2.carbon.is.migration-1.0.154.jar from wso2is-migration into the home";
        String run = "start wso2am-4.1.0: sh bin/api-manager.sh -Dmigrate -Dcomponent=identity (identity migration 5.7.0 -> 5.11.0, timeout 2h 0m)";
        id.actions.add(new RunReport.ActionLine("FILE_COPY", install, ""));
        id.actions.add(new RunReport.ActionLine("SERVER_RUN", run, ""));
        id.actions.add(new RunReport.ActionLine("FILE_DELETE", "remove repository/components/dropins/org.wso2.carbon.is.migration-1.0.154.jar", ""));
        id.failedAction = run;
        id.error = new RunReport.ErrorLine("SERVER_FAILED", r.error.message(), r.error.location(), r.error.hint());
        r.steps.add(id);
        for (String s : new String[] {"migrate-apim", "reindex", "finalize", "verify"}) {
            RunReport.StepEntry e = step(s, "Step " + s, "PENDING", null, null);
            e.actions.add(new RunReport.ActionLine("SERVER_RUN", "start wso2am-4.1.0 for " + s, ""));
            r.steps.add(e);
        }
        r.reportFile = "report-migrate-20261202T041500Z";
        return r;
    }
}
