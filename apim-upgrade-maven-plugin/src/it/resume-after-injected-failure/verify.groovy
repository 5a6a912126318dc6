import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def newHome = new File(basedir, 'target/wso2am-4.1.0')
def journal = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/journal.json'))

// first invocation: the ERROR line is listed and the build failed despite "Successfully completed"
assert log.contains("Table 'IDN_OAUTH2_SCOPE_BINDING' doesn't exist")
assert log.contains('BUILD FAILURE')
// the failed run names the way back to the pre-upgrade state
assert log.contains('mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true')
// second invocation: resumed at the failed step
assert log.contains('Resuming at migrate-identity (previous attempt FAILED')
assert log.contains('prepare-config: already done, skipped.')

['backup', 'prepare-config', 'migrate-registry-versioning', 'migrate-resources', 'migrate-apim', 'reindex', 'finalize', 'verify'].each {
    assert journal.steps[it].attempts == 1 : "$it ran ${journal.steps[it].attempts} times"
}
assert journal.steps['migrate-identity'].attempts == 2
journal.steps.each { id, step -> assert step.state == 'SUCCEEDED' : "$id is ${step.state}" }

// the identity client was cleaned up after the failed run as well as after the good one
assert !new File(newHome, 'migration-resources').exists()
assert !new File(newHome, 'repository/components/dropins').listFiles().any { it.name.contains('migration') }
// two identity runs reached the stand-in server, the second one successful
def runs = new File(newHome, 'standin-runs.log').readLines()
assert runs.count { it.startsWith('identity flags=') } == 2
assert runs.count { it == 'identity-migrated' } == 2
// issue 18: both runs' reports last, here and with the installation; the failed one says which action failed and
// lists the steps it did not reach
def reports = new File(basedir, 'target/apim-upgrade')
def dated = reports.list().findAll { it ==~ /report-migrate-\d{8}T\d{6}Z(-\d+)?\.json/ }.sort()
assert dated.size() == 2 : dated
def failed = new JsonSlurper().parse(new File(reports, dated[0]))
assert failed.outcome == 'FAILED'
assert failed.steps*.id.size() == 9 : failed.steps*.id
def identity = failed.steps.find { it.id == 'migrate-identity' }
assert identity.failedAction.startsWith('start wso2am-4.1.0: sh bin/api-manager.sh -Dmigrate -Dcomponent=identity')
assert failed.steps.find { it.id == 'verify' }.notes.any { it.contains('not run: the run stopped at migrate-identity') }
assert new File(reports, dated[0].replace('.json', '.html')).text.contains('<span class="badge failed">failed</span>')
dated.each { assert new File(newHome, ".apim-upgrade/reports/$it").isFile() : it }
assert new JsonSlurper().parse(new File(reports, 'report.json')).outcome == 'SUCCEEDED'
assert BUILD_SUCCESS_AT_END(log)
return true

boolean BUILD_SUCCESS_AT_END(String log) { log.lastIndexOf('BUILD SUCCESS') > log.lastIndexOf('BUILD FAILURE') }
