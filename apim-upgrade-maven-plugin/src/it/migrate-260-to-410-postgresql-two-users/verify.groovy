import java.sql.Connection

// What the three runs did, read from the databases themselves (PostgreSQL driver: a dependency of the invoker plugin)
// and from the stand-in server's own record of its runs (<home>/standin-runs.log): the identity and API-M
// migrations ran exactly once although two new homes were upgraded. The databases and the user are dropped last.
def db = new Properties()
new File(basedir, 'it-databases.properties').withReader('UTF-8') { db.load(it) }
def prefix = db.getProperty('db.prefix')

Connection connect(Properties db, String url, boolean admin) {
    def login = new Properties()
    login.setProperty('user', db.getProperty(admin ? 'pg.admin' : 'reg.user'))
    login.setProperty('password', db.getProperty(admin ? 'pg.admin.password' : 'reg.password'))
    def c = new org.postgresql.Driver().connect(url, login)
    assert c != null : "no connection to $url"
    return c
}

List<String> stepRows(Properties db, String database) {
    def out = []
    connect(db, db.getProperty('pg.server') + '/' + database, true).withCloseable { c ->
        c.createStatement().withCloseable { st ->
            st.executeQuery("SELECT STEP_ID, SCRIPT, MESSAGE FROM APIM_UPGRADE_HISTORY WHERE SCRIPT LIKE '(%' ORDER BY ID").withCloseable { rs ->
                while (rs.next()) {
                    out << "${rs.getString(1)} ${rs.getString(2)} ${rs.getString(3)}".toString()
                }
            }
        }
    }
    return out
}

try {
    def log = new File(basedir, 'build.log').text
    assert !log.contains('LOCK_HELD') : 'three databases on one PostgreSQL server must lock independently'
    assert log.contains('Nothing to do: the upgrade 2.6.0 -> 4.1.0 is already complete') : 'invocation 2 was not a no-op'

    def target = new File(basedir, 'target')
    def runs1 = new File(target, 'wso2am-4.1.0/standin-runs.log').readLines()
    def runs2 = new File(target, 'wso2am-4.1.0-node2/standin-runs.log')
    assert runs1.count { it == 'identity-migrated' } == 1 : runs1
    assert runs1.count { it.startsWith('apim flags=') } == 1 : runs1
    def node2 = runs2.exists() ? runs2.readLines() : []
    assert node2.count { it == 'identity-migrated' } == 0 : "the second home migrated the identity data again: $node2"
    assert node2.count { it.startsWith('apim flags=') || it.startsWith('identity flags=') } == 0 : "the second home ran a migration: $node2"

    // the second home still has its own configuration
    def toml2 = new File(target, 'wso2am-4.1.0-node2/repository/conf/deployment.toml').text
    assert toml2.contains("${prefix}_am_db") : toml2

    def am = stepRows(db, "${prefix}_am_db")
    assert am.any { it.startsWith('migrate-identity (migration run succeeded) by run ') } : am
    assert am.any { it.startsWith('migrate-identity (step completed) by run ') } : am
    assert am.any { it.startsWith('migrate-apim (step completed) by run ') } : am
    def reg = stepRows(db, "${prefix}_reg_db")
    assert reg.any { it.startsWith('migrate-registry-versioning (step completed) by run ') } : reg
    def um = stepRows(db, "${prefix}_um_db")
    assert um.any { it.startsWith('migrate-identity (step completed)') } : um
    assert !am.any { it.startsWith('prepare-config') } : am
    def report3 = new File(target, 'apim-upgrade/plan.txt').text
    assert report3.contains("APIM_UPGRADE_HISTORY") : report3
    return true
} finally {
    connect(db, db.getProperty('pg.admin.url'), true).withCloseable { c ->
        c.createStatement().withCloseable { st ->
            ['am_db', 'reg_db', 'um_db'].each { st.execute("DROP DATABASE IF EXISTS ${prefix}_${it} WITH (FORCE)".toString()) }
            st.execute("DROP ROLE IF EXISTS ${db.getProperty('am.user')}".toString())
            st.execute("DROP ROLE IF EXISTS ${db.getProperty('reg.user')}".toString())
        }
    }
}
