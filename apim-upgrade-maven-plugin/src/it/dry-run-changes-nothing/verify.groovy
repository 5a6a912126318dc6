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
assert !newHome.listFiles().any { it.name.endsWith('.bak') }
// the second invocation plans against the databases: the versioned rows are all still there
assert log.findAll('REG_RESOURCE_PROPERTY 2, REG_RESOURCE_TAG 1').size() == 2
assert new File(basedir, 'target/apim-upgrade/plan.txt').text.contains('migrate-registry-versioning')
return true

File quickstartDir() { new File(basedir, '../../../../examples/quickstart').canonicalFile }
