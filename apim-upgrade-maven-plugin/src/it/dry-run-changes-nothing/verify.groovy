import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
def newHome = new File(basedir, 'target/wso2am-4.1.0')
def source = new File(quickstartDir(), 'src/wso2am-4.1.0')

def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
assert log.contains('Dry run (nothing is changed) of the upgrade 2.6.0 -> 4.1.0')
// every file of the new home is as the fixture left it: same set of files, same bytes
def files = { File root -> def out = [:]; root.eachFileRecurse(groovy.io.FileType.FILES) { out[root.toPath().relativize(it.toPath()).toString()] = sha(it) }; out }
def after = files(newHome).findAll { k, v -> !k.startsWith('bin/api-manager.sh') && !k.startsWith('repository/logs') }
def before = files(source)
assert after == before : "new home changed by a dry run: ${after - before}"
assert !new File(newHome, '.apim-upgrade/journal.json').exists()
// nor was a backup taken: the backup step's plan names the dumps, the dry run writes none
assert !new File(basedir, 'target/apim-upgrade-backup').exists()
assert log.contains('dump WSO2AM_DB (apim_db) (h2-script)')
assert !newHome.listFiles().any { it.name.endsWith('.bak') }
// the registry database is untouched: every versioned row is still there and no history table was created
assert new File(basedir, 'target/registry-counts.txt').readLines()[1] == '3,3,2,2,0'
// and the plan shown was the full one: the SQL of the clean-up and the TOML diff
assert log.contains('registry-versioning-cleanup/h2.sql')
assert log.contains('update repository/conf/deployment.toml')
assert new File(basedir, 'target/apim-upgrade/plan.txt').text.contains('migrate-registry-versioning')
// issue 18: it leaves a patch git apply reads from the new home, the SQL per database, and ends saying what to run
def reports = new File(basedir, 'target/apim-upgrade')
def patch = new File(reports, 'plan.patch')
assert patch.text.contains('diff --git a/repository/conf/log4j2.properties b/repository/conf/log4j2.properties') : patch.text
assert new File(reports, 'plan-shared_db-WSO2REG_DB.sql').text.contains('DELETE FROM REG_RESOURCE_PROPERTY')
def git = ['git', 'apply', '--check', '-v', patch.absolutePath].execute(['GIT_DIR=/dev/null', "PATH=${System.getenv('PATH')}"], newHome)
def gitOut = new StringBuilder()
git.consumeProcessOutput(gitOut, gitOut)
assert git.waitFor() == 0 : gitOut
git.waitForProcessOutput()
assert gitOut.contains('Checking patch repository/conf/log4j2.properties') : gitOut
def lines = log.readLines()
def run = lines.findIndexOf { it ==~ /\[INFO\] Run mvn apim-upgrade:migrate to apply \d+ changes \(\d+ statements on .*; \d+ server runs\)\./ }
assert run > 0 : 'the dry run says what to run next'
assert !lines[run + 1].contains('apim-upgrade') && !lines[run + 1].contains('[apim') : "it is the last line: ${lines[run + 1]}"
// a dry run keeps no report under the new home (it changes nothing), and its dated report lasts
assert !new File(newHome, '.apim-upgrade/reports').exists()
assert reports.list().any { it ==~ /report-migrate-\d{8}T\d{6}Z\.html/ }
return true

File quickstartDir() { new File(basedir, '../../../../examples/quickstart').canonicalFile }
