import java.sql.Connection

// Fresh homes for this run, and this run's own two databases on the PostgreSQL server (names unique per run, so
// repeated runs and parallel jobs never meet); verify.groovy drops them. Tables: the 3.1.0 shapes of what the
// upgrade reads (db/*.sql here; the registry tables from the engine's test resources).
new File(basedir, 'target').deleteDir()

def adminUrl = System.getenv('APIM_UPGRADE_TEST_PG_URL') ?: 'jdbc:postgresql://127.0.0.1:5432/postgres'
def server = adminUrl.replaceFirst(/\?.*$/, '').replaceFirst(/\/[^\/]*$/, '')
def prefix = "it310p_${Long.toString(System.currentTimeMillis(), 36)}_${new Random().nextInt(900) + 100}".toString()
def props = [
    'pg.server'   : server,
    'pg.admin.url': adminUrl,
    'pg.user'     : System.getenv('APIM_UPGRADE_TEST_PG_USER') ?: 'postgres',
    'pg.password' : System.getenv('APIM_UPGRADE_TEST_PG_PASSWORD') ?: '',
    'db.prefix'   : prefix,
]
props.each { k, v -> context.userProperties.put(k, v) }
def record = new Properties()
props.each { k, v -> record.setProperty(k, v) }
new File(basedir, 'it-databases.properties').withWriter('UTF-8') { record.store(it, 'this run of migrate-310-to-410-postgresql') }

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

// the registry schema the stand-in fixtures share (module apim-upgrade-standin)
def standinResources = new File(basedir, '../../../../apim-upgrade-standin/src/main/resources').canonicalFile
connect(adminUrl, props).withCloseable { c ->
    c.createStatement().withCloseable { st ->
        st.execute("CREATE DATABASE ${prefix}_am_db".toString())
        st.execute("CREATE DATABASE ${prefix}_shared_db".toString())
    }
}
connect("${server}/${prefix}_am_db".toString(), props).withCloseable { runFile(it, new File(basedir, 'db/am_db.sql')) }
connect("${server}/${prefix}_shared_db".toString(), props).withCloseable { c ->
    runFile(c, new File(standinResources, 'registry/schema.sql'))
    runFile(c, new File(basedir, 'db/shared_db-registry.sql'))
    runFile(c, new File(basedir, 'db/shared_db-um.sql'))
}
return true
