import java.sql.Connection
import org.tomlj.Toml

// What the two runs did to each node, read from each node's files, the databases and the stand-in server's own record
// of its runs (<newHome>/standin-runs.log): the AM_DB script and the identity migration ran once for the cluster, on
// aio1; Synapse configurations went to the gateway (and the all-in-one node), execution plans to the traffic manager
// (and the all-in-one node); each node's deployment.toml kept its own role and settings; re-indexing ran on aio1 only.
// The second run changed nothing. The databases are dropped last.
def db = new Properties()
new File(basedir, 'it-databases.properties').withReader('UTF-8') { db.load(it) }
def prefix = db.getProperty('db.prefix')

Connection connect(Properties db, String url) {
    def login = new Properties()
    login.setProperty('user', db.getProperty('pg.user'))
    login.setProperty('password', db.getProperty('pg.password'))
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
    def home = { id -> new File(nodes, "$id/wso2am-3.1.0") }
    def runs = ['aio1', 'gw1', 'tm1'].collectEntries { id ->
        def f = new File(home(id), 'standin-runs.log')
        [(id): f.exists() ? f.readLines() : []]
    }
    assert runs.aio1.count { it == 'identity-migrated' } == 1 : runs
    ['gw1', 'tm1'].each { id ->
        assert !runs[id].any { it == 'identity-migrated' || it.startsWith('identity flags=') } : "node $id ran a migration: ${runs[id]}"
    }

    // Synapse configurations: gateway nodes (and all-in-one); execution plans: traffic managers (and all-in-one)
    def api = 'repository/deployment/server/synapse-configs/default/api/admin--PizzaShackAPI_v1.0.0.xml'
    def plan = 'repository/deployment/server/executionplans/custom_block_abusive_ips.siddhiql'
    assert new File(home('gw1'), api).isFile() : 'the gateway did not get its Synapse configurations'
    assert new File(home('aio1'), api).isFile()
    assert !new File(home('tm1'), api).exists() : 'the traffic manager got Synapse configurations'
    assert new File(home('tm1'), plan).isFile() : 'the traffic manager did not get its execution plans'
    assert new File(home('aio1'), plan).isFile()
    assert !new File(home('gw1'), plan).exists() : 'the gateway got execution plans'

    // each node's own deployment.toml
    def toml = { id -> def t = Toml.parse(new File(home(id), 'repository/conf/deployment.toml').toPath()); assert !t.hasErrors() : t.errors(); t }
    def gw = toml('gw1'), tm = toml('tm1'), aio = toml('aio1')
    assert gw.getString('server.server_role') == 'gateway-worker'
    assert gw.getString('server.hostname') == 'gw1.cluster.example'
    assert gw.getString('apim.key_manager.service_url') == 'https://aio1.cluster.example:9443/services/'
    assert gw.getArray('apim.throttling.throttle_decision_endpoints').toList() == ['tcp://tm1.cluster.example:5672']
    assert gw.getArray('apim.throttling.url_group').getTable(0).getArray('traffic_manager_urls').toList() == ['tcp://tm1.cluster.example:9611']
    assert !(gw.getString('database.apim_db.url') ?: '').contains(prefix) : 'the gateway got the cluster API-M database'
    assert gw.getString('database.shared_db.url').endsWith("/${prefix}_shared_db")
    assert tm.getString('server.server_role') == 'traffic-manager'
    assert tm.getString('server.hostname') == 'tm1.cluster.example'
    assert aio.getString('server.server_role') == 'default'
    assert aio.getString('database.apim_db.url').endsWith("/${prefix}_am_db")

    // re-indexing: the all-in-one node only (the engine's own lines); the gateway and traffic manager only get their
    // final start, and the tenant loader was installed only for aio1's re-index start
    def log = new File(basedir, 'build.log').text
    def reindexed = log.readLines().findAll { it.contains('The re-index start of node ') }
            .collect { (it =~ /The re-index start of node (\S+) /)[0][1] }
    assert reindexed == ['aio1'] : reindexed
    ['gw1', 'tm1'].each { id ->
        assert runs[id].count { it.startsWith('start flags=') } == 1 && !runs[id].contains('tenantloader-present') : runs[id]
    }

    // the databases record each cluster step once; the second run was a no-op
    def am = stepRows(db, "${prefix}_am_db")
    assert am.count { it.startsWith('migrate-apim-db (step completed) ') } == 1 : am
    def shared = stepRows(db, "${prefix}_shared_db")
    assert shared.count { it.startsWith('migrate-identity (migration run succeeded) ') } == 1 : shared
    ['aio1', 'gw1', 'tm1'].each { id ->
        assert log.count("Nothing to do on node $id (") == 1 : "the second run of node $id was not a no-op"
    }
    // the AM_DB script changes only the cluster's API-M database, which the gateway and traffic manager do not use
    ['gw1', 'tm1'].each { id ->
        assert log.contains("not on node $id: migrate-apim-db changes only databases this node does not use (apim_db; its own: apim_db = WSO2AM_DB)") : id
    }
    return true
} finally {
    connect(db, db.getProperty('pg.admin.url')).withCloseable { c ->
        c.createStatement().withCloseable { st ->
            ['am_db', 'shared_db'].each { st.execute("DROP DATABASE IF EXISTS ${prefix}_${it} WITH (FORCE)".toString()) }
        }
    }
}
