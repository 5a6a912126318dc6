import java.time.LocalDateTime
import java.time.format.DateTimeFormatter

// Fresh homes for the three nodes (the invoker's clone keeps target/ from the last one), and this run's own database
// names, so repeated runs and parallel CI jobs never meet. verify.groovy drops the databases again.
new File(basedir, 'target').deleteDir()

// the stand-in server and the database fixtures: the apim-upgrade-standin module's resources
def repo = new File(basedir, '../../../..').canonicalFile
def standin = new File(repo, 'apim-upgrade-standin/src/main/resources')
assert new File(standin, 'standin/api-manager.sh').isFile() : "no stand-in server under $standin"
def url = System.getenv('APIM_UPGRADE_TEST_PG_URL') ?: 'jdbc:postgresql://127.0.0.1:5432/postgres'
def server = url.replaceFirst(/\?.*$/, '').replaceFirst(/\/[^\/]*$/, '')
def stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern('yyyyMMddHHmmss'))
def props = [
    'pg.server'   : server,
    'pg.admin.url': url,
    'pg.user'     : System.getenv('APIM_UPGRADE_TEST_PG_USER') ?: 'postgres',
    'pg.password' : System.getenv('APIM_UPGRADE_TEST_PG_PASSWORD') ?: '',
    'standin.resources': standin.path,
    'pg.fixtures' : new File(standin, 'fixtures/apim-300/postgresql').path,
    'db.prefix'   : "itcluster310_${stamp}_${new Random().nextInt(9000) + 1000}".toString(),
]
// user properties of both invocations (-D...), and a record for verify.groovy
props.each { k, v -> context.userProperties.put(k, v) }
def record = new Properties()
props.each { k, v -> record.setProperty(k, v) }
new File(basedir, 'it-databases.properties').withWriter('UTF-8') { record.store(it, 'this run of cluster-300-to-310-gateway-tm') }
return true
