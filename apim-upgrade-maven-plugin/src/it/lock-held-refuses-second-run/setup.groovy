import java.nio.channels.FileChannel
import java.nio.file.StandardOpenOption

// Another pipeline: this JVM (the one running the invoker) takes the OS lock the forked build will ask for.
def lockFile = new File(basedir, 'target/wso2am-4.1.0/.apim-upgrade/lock')
lockFile.parentFile.mkdirs()
def channel = FileChannel.open(lockFile.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)
def lock = channel.tryLock()
assert lock != null
System.getProperties().put('apim.it.heldLock', channel)
return true
