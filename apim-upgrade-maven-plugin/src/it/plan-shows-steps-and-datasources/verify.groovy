def log = new File(basedir, 'build.log').text
def newHome = new File(basedir, 'target/wso2am-4.1.0')

assert log.contains('Plan of the upgrade 2.6.0 -> 4.1.0')
['apim_db', 'shared_db', 'user'].each { assert log =~ /(?m)^\[INFO\]\s+$it\s+WSO2/ }
assert log.contains('WSO2REG_DB') && log.contains('WSO2UM_DB') && log.contains('WSO2AM_DB')
assert !log.contains('wso2carbon</password>')
// the pool's and drivers' own log lines stay out of the build output (QuietLibraryLogs)
assert !(log =~ /apim-upgrade-WSO2\w+ - Start/) && !log.contains('HikariPool') && !log.contains('com.zaxxer')
['prepare-config', 'migrate-registry-versioning', 'migrate-resources', 'migrate-identity', 'migrate-apim', 'reindex', 'finalize'].each {
    assert log =~ /(?m)^\[INFO\]\s+\d\. $it\s+PENDING/ : "step $it not listed as PENDING"
}
// the plan changed no database row and created no history table (REG_RESOURCE_PROPERTY, REG_PROPERTY, REG_RESOURCE_TAG, REG_TAG, history)
assert new File(basedir, 'target/registry-counts.txt').readLines()[1] == '3,3,2,2,0'
assert !new File(newHome, '.apim-upgrade/journal.json').exists()
def report = new File(basedir, 'target/apim-upgrade/report.json').text
assert report.contains('"outcome" : "FAILED"') // the second invocation: the CI gate
assert report.contains('PENDING_CHANGES')
assert new File(basedir, 'target/apim-upgrade/report.html').text.contains('migrate-registry-versioning')
return true
