import java.time.LocalDateTime
import java.time.format.DateTimeFormatter

// Fresh homes for every run (the invoker's clone keeps target/ from the last one), and this run's own database
// names, so repeated runs and parallel CI jobs never meet. verify.groovy drops the databases again.
new File(basedir, 'target').deleteDir()

def url = System.getenv('APIM_UPGRADE_TEST_PG_URL') ?: 'jdbc:postgresql://127.0.0.1:5432/postgres'
def server = url.replaceFirst(/\?.*$/, '').replaceFirst(/\/[^\/]*$/, '')
def stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern('yyyyMMddHHmmss'))
def props = [
    'pg.server'   : server,
    'pg.admin.url': url,
    'pg.user'     : System.getenv('APIM_UPGRADE_TEST_PG_USER') ?: 'postgres',
    'pg.password' : System.getenv('APIM_UPGRADE_TEST_PG_PASSWORD') ?: '',
    'db.prefix'   : "apim_it310_${stamp}_${new Random().nextInt(9000) + 1000}".toString(),
]
// user properties of both invocations (-D...), and a record for verify.groovy
props.each { k, v -> context.userProperties.put(k, v) }
def record = new Properties()
props.each { k, v -> record.setProperty(k, v) }
new File(basedir, 'it-databases.properties').withWriter('UTF-8') { record.store(it, 'this run of path-300-to-310-postgresql') }
return true
