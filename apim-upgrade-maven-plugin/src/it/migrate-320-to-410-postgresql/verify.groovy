import groovy.json.JsonSlurper
import org.tomlj.Toml

import java.sql.Connection

// What the two runs left, read from the files and the databases themselves (PostgreSQL driver and tomlj are
// dependencies of the invoker plugin) and from the stand-in server's record of its runs (<home>/standin-runs.log).
def db = new Properties()
new File(basedir, 'it-databases.properties').withReader('UTF-8') { db.load(it) }
def prefix = db.getProperty('db.prefix')

Connection connect(Properties db, String database) {
    def login = new Properties()
    login.setProperty('user', db.getProperty('pg.user'))
    login.setProperty('password', db.getProperty('pg.password'))
    def url = database == null ? db.getProperty('pg.admin.url') : db.getProperty('pg.server') + '/' + database
    def c = new org.postgresql.Driver().connect(url, login)
    assert c != null : "no connection to $url"
    return c
}

List<List<Object>> rows(Connection c, String sql) {
    def out = []
    c.createStatement().withCloseable { st ->
        st.executeQuery(sql).withCloseable { rs ->
            int n = rs.metaData.columnCount
            while (rs.next()) {
                out << (1..n).collect { rs.getObject(it) }
            }
        }
    }
    return out
}

try {
    def log = new File(basedir, 'build.log').text
    def newHome = new File(basedir, 'target/wso2am-4.1.0')

    // ------------------------------------------------------------ the runs
    assert log.contains('Result of the upgrade 3.2.0 -> 4.1.0:')
    def steps = ['prepare-config', 'backup', 'migrate-registry-versioning', 'migrate-resources', 'migrate-identity',
                 'migrate-apim', 'reindex', 'finalize', 'verify']
    steps.each { assert log.contains("== $it:") : "step $it did not run" }
    def journal = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/journal.json'))
    assert journal.path == '3.2.0 -> 4.1.0'
    assert journal.steps.keySet() as List == steps
    journal.steps.each { id, step ->
        assert step.state == 'SUCCEEDED' : "$id is ${step.state}"
        assert step.attempts == 1 : "$id ran ${step.attempts} times"
    }
    // invocation 2 found nothing to do
    assert log.contains('Nothing to do: the upgrade 3.2.0 -> 4.1.0 is already complete.')
    assert new JsonSlurper().parse(new File(basedir, 'target/apim-upgrade/report.json')).outcome == 'NOTHING_TO_DO'
    assert !log.contains('[ERROR]')

    // ------------------------------------------------------------ the clients ran once, with the guide's flags
    def runs = new File(newHome, 'standin-runs.log').readLines()
    assert runs.count { it == 'identity-migrated' } == 1 : runs
    assert runs.any { it.startsWith('identity-config migrationEnable: true currentVersion: 5.10.0 migrateVersion: 5.11.0') } : runs
    def apim = runs.findAll { it.startsWith('apim flags=') }
    assert apim.size() == 1 : runs
    assert apim[0].contains('-Dmigrate -DmigrateFromVersion=3.2.0 -DmigratedVersion=4.1.0') : apim
    assert runs.contains('apim-migrated from=3.2.0 to=4.1.0 hops=2') : runs
    assert runs.any { it.startsWith('pre-validation flags=') && it.contains('-DrunPreMigration') } : runs
    // nothing of the clients stays installed
    assert !new File(newHome, 'migration-resources').exists()
    assert new File(newHome, 'repository/components/dropins').list().findAll { it.contains('migrat') }.isEmpty()

    // ------------------------------------------------------------ resources (guide step 2)
    assert !new File(newHome, 'repository/deployment/server/synapse-configs/default/api/admin--PizzaShackAPI_v1.0.0.xml').exists() :
            '4.x takes the APIs from the database: no 3.2.0 synapse file may reach the new home'
    assert new File(newHome, 'repository/deployment/server/userstores/PARTNERS.xml').isFile()
    assert new File(newHome, 'repository/tenants/1/userstores/RESELLERS.xml').isFile() : 'tenant user store copied after migrate-apim'
    assert new File(newHome, 'repository/components/lib').list().any { it.startsWith('postgresql-') } : 'JDBC driver (step 2.1)'

    // ------------------------------------------------------------ deployment.toml (guide step 1), key by key
    def toml = Toml.parse(new File(newHome, 'repository/conf/deployment.toml').getText('UTF-8'))
    assert !toml.hasErrors() : toml.errors()
    def server = db.getProperty('pg.server')
    assert toml.getString('database.apim_db.url') == "${server}/${prefix}_am_db".toString()
    assert toml.getString('database.shared_db.url') == "${server}/${prefix}_shared_db".toString()
    assert toml.getString('database.apim_db.driver') == 'org.postgresql.Driver'
    assert toml.getString('server.hostname') == 'apim320.example.com'
    def envs = toml.getArray('apim.gateway.environment')
    assert envs.size() == 1
    assert envs.getTable(0).getString('name') == 'Production and Sandbox'
    assert envs.getTable(0).getString('https_endpoint') == 'https://gw320.example.com:8243'
    assert toml.getArray('apim.sync_runtime_artifacts.gateway.gateway_labels').toList() == ['Production and Sandbox']
    assert toml.getLong('apim.cache.gateway_token.expiry_time') == 1800L
    // the 3.2.0 analytics keys are not carried (the new file's own [apim.analytics], none here, stands): each key
    // is a manual action with its line and fix
    assert toml.getBoolean('apim.analytics.enable') == null
    assert !toml.contains('apim.analytics.store_api_url')
    assert !toml.contains('apim.analytics.url_group')
    // (listed by invocation 1; invocation 2 plans nothing and lists none)
    [62: 'apim.analytics.enable', 63: 'apim.analytics.store_api_url', 65: 'apim.analytics.url_group'].each { line, key ->
        assert log =~ /\[prepare-config\] Not carried: ${java.util.regex.Pattern.quote(key)} \(.*\) \[old repository\/conf\/deployment.toml:$line\]: ./ : "no manual action for $key"
    }
    assert toml.getString('user_store.type') == 'database_unique_id'
    assert toml.getLong('indexing.re_indexing') == 1L

    // ------------------------------------------------------------ the databases
    connect(db, "${prefix}_am_db".toString()).withCloseable { c ->
        def history = rows(c, "SELECT STEP_ID, SCRIPT FROM APIM_UPGRADE_HISTORY WHERE SCRIPT LIKE '(%' ORDER BY ID").collect { "${it[0]} ${it[1]}".toString() }
        assert history.contains('migrate-identity (step completed)') : history
        assert history.contains('migrate-apim (step completed)') : history
        assert rows(c, 'SELECT COUNT(*) FROM AM_API')[0][0] == 2L
    }
    connect(db, "${prefix}_shared_db".toString()).withCloseable { c ->
        // versioning was off (3.2.0's default): the clean-up changed nothing
        assert rows(c, 'SELECT COUNT(*) FROM REG_RESOURCE_PROPERTY')[0][0] == 1L
        assert rows(c, 'SELECT COUNT(*) FROM REG_PROPERTY')[0][0] == 1L
    }
    return true
} finally {
    connect(db, null).withCloseable { c ->
        c.createStatement().withCloseable { st ->
            ['am_db', 'shared_db'].each { st.execute("DROP DATABASE IF EXISTS ${prefix}_${it} WITH (FORCE)".toString()) }
        }
    }
}
