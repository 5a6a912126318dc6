def log = new File(basedir, 'build.log').text
def newHome = new File(basedir, 'target/wso2am-4.1.0')

assert log.contains('Plan of the upgrade 2.6.0 -> 4.1.0')
['apim_db', 'shared_db', 'user'].each { assert log =~ /(?m)^\[INFO\]\s+$it\s+WSO2/ }
assert log.contains('WSO2REG_DB') && log.contains('WSO2UM_DB') && log.contains('WSO2AM_DB')
assert !log.contains('wso2carbon</password>')
['prepare-config', 'migrate-registry-versioning', 'migrate-resources', 'migrate-identity', 'migrate-apim', 'reindex', 'finalize'].each {
    assert log =~ /(?m)^\[INFO\]\s+\d\. $it\s+PENDING/ : "step $it not listed as PENDING"
}
// the plan read the registry database to say what it would remove, and removed nothing
assert log.contains('REG_RESOURCE_PROPERTY 2, REG_RESOURCE_TAG 1')
assert !new File(newHome, '.apim-upgrade/journal.json').exists()
def report = new File(basedir, 'target/apim-upgrade/report.json').text
assert report.contains('"outcome" : "FAILED"') // the second invocation: the CI gate
assert report.contains('PENDING_CHANGES')
assert new File(basedir, 'target/apim-upgrade/report.html').text.contains('migrate-registry-versioning')
return true
