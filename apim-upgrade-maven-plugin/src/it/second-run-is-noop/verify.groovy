import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def newHome = new File(basedir, 'target/wso2am-4.1.0')
def journal = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/journal.json'))

assert journal.path == '2.6.0 -> 4.1.0'
journal.steps.each { id, step ->
    assert step.state == 'SUCCEEDED' : "$id is ${step.state}"
    assert step.attempts == 1 : "$id ran ${step.attempts} times"
}
assert journal.steps.size() == 9
assert journal.steps.keySet().first() == 'prepare-config' && journal.steps.keySet().last() == 'verify'
// the backup was taken once, by the first run (the quickstart's H2 databases, by H2's SCRIPT), into target/
assert log.findAll('== backup:').size() == 1
def backup = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/backup.json'))
assert backup.dumps*.format.unique() == ['h2-script']
backup.dumps.each { assert new File(it.file).isFile() && it.file.startsWith(new File(basedir, 'target/apim-upgrade-backup').canonicalPath) }
assert log.contains('Nothing to do: the upgrade 2.6.0 -> 4.1.0 is already complete.')
// the versioned rows were removed once: one property and one tag of the current version remain, history recorded
assert new File(basedir, 'target/registry-counts.txt').readLines()[1] == '1,1,1,1,1'
def report = new JsonSlurper().parse(new File(basedir, 'target/apim-upgrade/report.json'))
assert report.outcome == 'NOTHING_TO_DO' // the report of the second migrate
assert log.findAll('== migrate-registry-versioning').size() == 1
return true
