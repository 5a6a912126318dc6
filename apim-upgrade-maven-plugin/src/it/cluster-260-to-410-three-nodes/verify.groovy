import java.sql.Connection
import org.tomlj.Toml

// What the three runs did to each node, read from each node's files, from the databases themselves and from the
// stand-in server's own record of its runs (<newHome>/standin-runs.log): the identity and API-M migrations ran
// exactly once for the cluster, on aio1; each node's deployment.toml is its own; re-indexing ran on the two
// all-in-one nodes, aio1 first, and not on the gateway. The databases and users are dropped last.
def db = new Properties()
new File(basedir, 'it-databases.properties').withReader('UTF-8') { db.load(it) }
def prefix = db.getProperty('db.prefix')

Connection connect(Properties db, String url) {
    def login = new Properties()
    login.setProperty('user', db.getProperty('pg.admin'))
    login.setProperty('password', db.getProperty('pg.admin.password'))
    def c = new org.postgresql.Driver().connect(url, login)
    assert c != null : "no connection to $url"
    return c
}

List<String> stepRows(Properties db, String database) {
    def out = []
    connect(db, db.getProperty('pg.server') + '/' + database).withCloseable { c ->
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
    def nodes = new File(basedir, 'target/nodes')
    def runs = ['aio1', 'aio2', 'gw1'].collectEntries { id ->
        def f = new File(nodes, "$id/wso2am-4.1.0/standin-runs.log")
        [(id): f.exists() ? f.readLines() : []]
    }
    // each server migration exactly once in the cluster, on the database node
    assert runs.aio1.count { it == 'identity-migrated' } == 1 : runs
    assert runs.aio1.count { it.startsWith('apim-migrated ') } == 1 : runs
    ['aio2', 'gw1'].each { id ->
        assert !runs[id].any { it == 'identity-migrated' || it.startsWith('apim-migrated ') || it.startsWith('identity flags=') || it.startsWith('apim flags=') } :
                "node $id ran a migration: ${runs[id]}"
    }

    // each node's own deployment.toml
    def toml = { id -> Toml.parse(new File(nodes, "$id/wso2am-4.1.0/repository/conf/deployment.toml").toPath()) }
    ['aio1', 'aio2'].each { id ->
        def t = toml(id)
        assert !t.hasErrors() : t.errors()
        assert t.getString('database.apim_db.url').endsWith("/${prefix}_am_db") : "$id apim_db: ${t.getString('database.apim_db.url')}"
        assert t.getString('database.shared_db.url').endsWith("/${prefix}_reg_db")
        assert t.getString('server.server_role') == null || t.getString('server.server_role') == 'default'
        assert t.get('apim.event_hub') == null
    }
    def gw = toml('gw1')
    assert !gw.hasErrors() : gw.errors()
    assert gw.getString('server.server_role') == 'gateway-worker'
    assert gw.getString('apim.key_manager.service_url') == 'https://aio1.cluster.example:9443/services/'
    assert gw.getString('apim.throttling.receiver_url') == '{tcp://aio1.cluster.example:9611},{tcp://aio2.cluster.example:9611}'
    assert gw.getString('apim.throttling.receiver_auth_url') == '{ssl://aio1.cluster.example:9711},{ssl://aio2.cluster.example:9711}'
    assert gw.getBoolean('apim.event_hub.enable')
    assert gw.getString('apim.event_hub.service_url') == 'https://aio1.cluster.example:9443/services/'
    assert gw.getArray('apim.event_hub.event_listening_endpoints').toList() == ['tcp://aio1.cluster.example:5672']
    // its own WSO2AM_DB was not a migration database: the new home keeps 4.1.0's own local H2 file
    assert gw.getString('database.apim_db.type') == 'h2' : gw.getString('database.apim_db.type')
    assert gw.getString('database.apim_db.url').startsWith('jdbc:h2:./repository/database/WSO2AM_DB')
    assert gw.getString('database.shared_db.url').endsWith("/${prefix}_reg_db")

    // re-indexing: the two all-in-one nodes, aio1 then aio2 (the engine's own lines, in the order it ran them); never
    // the gateway. Invocations 2 and 3 were no-ops: no further re-index start, every node already complete.
    def log = new File(basedir, 'build.log').text
    def reindexed = log.readLines().findAll { it.contains('The re-index start of node ') }
            .collect { (it =~ /The re-index start of node (\S+) /)[0][1] }
    assert reindexed == ['aio1', 'aio2'] : reindexed
    assert log.contains('not on gateway-worker nodes: reindex runs on aio1, aio2') : 'the plan does not say where reindex runs'
    ['aio1', 'aio2', 'gw1'].each { id ->
        assert log.count("Nothing to do on node $id (") == (id == 'gw1' ? 2 : 1) : "a later run of node $id was not a no-op"
    }
    // every node's final start, the gateway's its only one
    assert runs.gw1.count { it.startsWith('start flags=') } == 1 : runs.gw1

    // the databases record every cluster step once
    def am = stepRows(db, "${prefix}_am_db")
    assert am.count { it.startsWith('migrate-identity (migration run succeeded) ') } == 1 : am
    assert am.count { it.startsWith('migrate-apim (migration run succeeded) ') } == 1 : am
    assert !log.contains('LOCK_HELD') : 'the nodes lock the shared databases one after another'
    return true
} finally {
    connect(db, db.getProperty('pg.admin.url')).withCloseable { c ->
        c.createStatement().withCloseable { st ->
            ['am_db', 'reg_db', 'um_db'].each { st.execute("DROP DATABASE IF EXISTS ${prefix}_${it} WITH (FORCE)".toString()) }
            st.execute("DROP ROLE IF EXISTS ${db.getProperty('am.user')}".toString())
            st.execute("DROP ROLE IF EXISTS ${db.getProperty('reg.user')}".toString())
        }
    }
}
