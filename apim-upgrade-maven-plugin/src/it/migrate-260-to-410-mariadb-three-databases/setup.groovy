import java.sql.Connection

// Fresh homes, and this run's own databases and user on the MariaDB server: am_db, reg_db and um_db as the seed
// (and WSO2's "Changing to MySQL" pages) lay them out, one server for all three. Tables: the 2.6.0-era ones the
// steps touch, from the quickstart's data files and the stand-in's registry schema (portable to MariaDB).
// verify.groovy drops the databases and the user again.
new File(basedir, 'target').deleteDir()

def adminUrl = System.getenv('APIM_UPGRADE_TEST_MARIADB_URL') ?: 'jdbc:mariadb://127.0.0.1:3306/test'
def server = adminUrl.replaceFirst(/\?.*$/, '').replaceFirst(/\/[^\/]*$/, '')
def prefix = "it260m_${Long.toString(System.currentTimeMillis(), 36)}_${new Random().nextInt(900) + 100}".toString()
def props = [
    'mariadb.server'   : server,
    'mariadb.admin.url': adminUrl,
    'mariadb.admin'    : System.getenv('APIM_UPGRADE_TEST_MARIADB_USER') ?: 'root',
    'mariadb.admin.password': System.getenv('APIM_UPGRADE_TEST_MARIADB_PASSWORD') ?: '',
    'db.prefix'        : prefix,
    'db.user'          : prefix.take(32),
    'db.password'      : 'It-db-secret-260',
]
props.each { k, v -> context.userProperties.put(k, v) }
def record = new Properties()
props.each { k, v -> record.setProperty(k, v) }
new File(basedir, 'it-databases.properties').withWriter('UTF-8') { record.store(it, 'this run of migrate-260-to-410-mariadb-three-databases') }

Connection connect(String url, String user, String password) {
    def login = new Properties()
    login.setProperty('user', user)
    login.setProperty('password', password)
    def c = new org.mariadb.jdbc.Driver().connect(url, login)
    assert c != null : "no connection to $url"
    return c
}

void runFile(Connection c, File f) {
    def text = f.readLines('UTF-8').findAll { !it.trim().startsWith('--') }.join('\n')
    text.split(/;\s*(\n|$)/).collect { it.trim() }.findAll { it }.each { sql ->
        c.createStatement().withCloseable { it.execute(sql) }
    }
}

def quickstart = new File(basedir, '../../../../examples/quickstart').canonicalFile
// the stand-in's registry schema, from its module's sources (the quickstart unpacks the same file from its artifact)
def standin = new File(quickstart, '../../apim-upgrade-standin/src/main/resources').canonicalFile
connect(adminUrl, props['mariadb.admin'], props['mariadb.admin.password']).withCloseable { c ->
    ['am_db', 'reg_db', 'um_db'].each { db ->
        c.createStatement().withCloseable { it.execute("CREATE DATABASE ${prefix}_${db}".toString()) }
    }
    c.createStatement().withCloseable { st ->
        st.execute("CREATE USER '${props['db.user']}'@'%' IDENTIFIED BY '${props['db.password']}'".toString())
        ['am_db', 'reg_db', 'um_db'].each { db -> st.execute("GRANT ALL ON ${prefix}_${db}.* TO '${props['db.user']}'@'%'".toString()) }
    }
}
[
    am_db : [new File(quickstart, 'src/db/am-db.sql')],
    reg_db: [new File(standin, 'registry/schema.sql'), new File(quickstart, 'src/db/registry-data.sql')],
    um_db : [new File(quickstart, 'src/db/um-db.sql')],
].each { db, files ->
    connect("${server}/${prefix}_${db}".toString(), props['db.user'], props['db.password']).withCloseable { c ->
        files.each { runFile(c, it) }
    }
}
return true
