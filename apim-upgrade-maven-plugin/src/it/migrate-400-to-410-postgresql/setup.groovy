import java.sql.Connection

// Fresh homes for every run, and this run's own databases on the PostgreSQL server (verify.groovy drops them): the
// API-M database, the shared (registry) database and a separate user store database, as the guide's step 1 lists
// them, with 4.0.0-era tables: src/am-db.sql, the engine's registry schema (REG_RESOURCE_TAG and
// REG_RESOURCE_PROPERTY without the two indexes carbon-kernel 4.6.3 adds), src/um-db.sql.
new File(basedir, 'target').deleteDir()

def adminUrl = System.getenv('APIM_UPGRADE_TEST_PG_URL') ?: 'jdbc:postgresql://127.0.0.1:5432/postgres'
def server = adminUrl.replaceFirst(/\?.*$/, '').replaceFirst(/\/[^\/]*$/, '')
def prefix = "it400p_${Long.toString(System.currentTimeMillis(), 36)}_${new Random().nextInt(900) + 100}".toString()
def props = [
    'pg.server'   : server,
    'pg.hostport' : server.replaceFirst(/^jdbc:postgresql:\/\//, ''),
    'pg.admin.url': adminUrl,
    'pg.user'     : System.getenv('APIM_UPGRADE_TEST_PG_USER') ?: 'postgres',
    'pg.password' : System.getenv('APIM_UPGRADE_TEST_PG_PASSWORD') ?: '',
    'db.prefix'   : prefix,
]
props.each { k, v -> context.userProperties.put(k, v) }
def record = new Properties()
props.each { k, v -> record.setProperty(k, v) }
new File(basedir, 'it-databases.properties').withWriter('UTF-8') { record.store(it, 'this run of migrate-400-to-410-postgresql') }

Connection connect(String url, String user, String password) {
    def login = new Properties()
    login.setProperty('user', user)
    login.setProperty('password', password)
    def c = new org.postgresql.Driver().connect(url, login)
    assert c != null : "no connection to $url"
    return c
}

void runFile(Connection c, File f) {
    def text = f.readLines('UTF-8').findAll { !it.trim().startsWith('--') }.join('\n')
    text.split(/;\s*(\n|$)/).collect { it.trim() }.findAll { it }.each { sql ->
        c.createStatement().withCloseable { it.execute(sql) }
    }
}

def engineTests = new File(basedir, '../../../../apim-upgrade-core/src/test/resources').canonicalFile
connect(adminUrl, props['pg.user'], props['pg.password']).withCloseable { c ->
    c.createStatement().withCloseable { st ->
        ['am_db', 'shared_db', 'um_db'].each { st.execute("CREATE DATABASE ${prefix}_${it}".toString()) }
    }
}
[
    am_db    : [new File(basedir, 'src/am-db.sql')],
    shared_db: [new File(engineTests, 'registry/schema.sql')],
    um_db    : [new File(basedir, 'src/um-db.sql')],
].each { db, files ->
    connect("${server}/${prefix}_${db}".toString(), props['pg.user'], props['pg.password']).withCloseable { c ->
        files.each { runFile(c, it) }
    }
}
return true
