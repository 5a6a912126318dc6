import java.sql.Connection

// Fresh homes and this run's own databases on the PostgreSQL server, with 4.1.0-era tables and rows: the registry
// core and tenants of apim-upgrade-core's fixtures/apim-300/postgresql (the same carbon-kernel shape in 4.1.0), the
// 4.1.0 registry value/mapping tables and users (db/shared_db-410.sql), and the 4.1.0 AM_DB tables the steps count
// (db/am_db-410.sql). The login is the server's admin user, a superuser as the identity 6.0.0 migration requires on
// PostgreSQL. verify.groovy drops the databases again.
new File(basedir, 'target').deleteDir()

def adminUrl = System.getenv('APIM_UPGRADE_TEST_PG_URL') ?: 'jdbc:postgresql://127.0.0.1:5432/postgres'
def server = adminUrl.replaceFirst(/\?.*$/, '').replaceFirst(/\/[^\/]*$/, '')
def prefix = "it410p_${Long.toString(System.currentTimeMillis(), 36)}_${new Random().nextInt(900) + 100}".toString()
def props = [
    'pg.server'  : server,
    'pg.admin.url': adminUrl,
    'pg.user'    : System.getenv('APIM_UPGRADE_TEST_PG_USER') ?: 'postgres',
    'pg.password': System.getenv('APIM_UPGRADE_TEST_PG_PASSWORD') ?: '',
    'db.prefix'  : prefix,
]
props.each { k, v -> context.userProperties.put(k, v) }
def record = new Properties()
props.each { k, v -> record.setProperty(k, v) }
new File(basedir, 'it-databases.properties').withWriter('UTF-8') { record.store(it, 'this run of migrate-410-to-420-postgresql') }

Connection connect(String url, Map props) {
    def login = new Properties()
    login.setProperty('user', props['pg.user'])
    login.setProperty('password', props['pg.password'])
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

def fixtures = new File(basedir, '../../../../apim-upgrade-standin/src/main/resources/fixtures/apim-300/postgresql').canonicalFile
connect(adminUrl, props).withCloseable { c ->
    c.createStatement().withCloseable { st ->
        st.execute("CREATE DATABASE ${prefix}_am_db".toString())
        st.execute("CREATE DATABASE ${prefix}_shared_db".toString())
    }
}
connect("${server}/${prefix}_shared_db".toString(), props).withCloseable { c ->
    [new File(fixtures, 'shared_db.sql'), new File(fixtures, 'seed-shared_db.sql'),
     new File(basedir, 'db/shared_db-410.sql'), new File(basedir, 'db/seed-shared_db-410.sql')].each { runFile(c, it) }
}
connect("${server}/${prefix}_am_db".toString(), props).withCloseable { c -> runFile(c, new File(basedir, 'db/am_db-410.sql')) }
return true
