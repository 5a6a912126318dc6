def channel = System.getProperties().remove('apim.it.heldLock')
channel?.close()
def log = new File(basedir, 'build.log').text
assert log.contains('[LOCK_HELD] Another apim-upgrade run holds the lock on')
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/wso2am-4.1.0/.apim-upgrade/journal.json').exists()
assert !log.contains('== prepare-config')
return true
