import groovy.json.JsonSlurper
import org.tomlj.Toml

import java.sql.Connection

// The databases are read with the PostgreSQL driver and deployment.toml with tomlj (invoker plugin dependencies):
// exact values, not the build log's text, except where the log is the only record (the stand-in's runs).
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
    def newHome = new File(basedir, 'target/wso2am-4.2.0')
    def runs = new File(newHome, 'standin-runs.log').readLines('UTF-8')

    // ------------------------------------------------------------ invocation 1: every step, once, in order
    assert log.contains('Result of the upgrade 4.1.0 -> 4.2.0:')
    def steps = ['prepare-config', 'backup', 'migrate-registry-versioning', 'migrate-resources', 'migrate-apim-db',
                 'migrate-identity', 'migrate-apim', 'reindex', 'finalize', 'verify']
    steps.each { assert log.contains("== $it:") : "step $it did not run" }
    def journal = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/journal.json'))
    assert journal.path == '4.1.0 -> 4.2.0'
    assert journal.steps.keySet() as List == steps
    journal.steps.each { id, step ->
        assert step.state == 'SUCCEEDED' : "$id is ${step.state}"
        assert step.attempts == 1 : "$id ran ${step.attempts} times"
    }

    // ------------------------------------------------------------ invocation 2: nothing to do
    assert log.contains('Nothing to do: the upgrade 4.1.0 -> 4.2.0 is already complete.')
    assert new JsonSlurper().parse(new File(basedir, 'target/apim-upgrade/report.json')).outcome == 'NOTHING_TO_DO'
    assert !log.contains('[ERROR]')

    // ------------------------------------------------------------ the server runs, with the hop's flags
    // identity 5.11.0 -> 6.0.0 (migration-config.yaml as migrate-identity wrote it), then pre-validation and the
    // migration with the 4.2.0 client's flags, the re-index start and finalize's check start; nothing in run 2
    assert runs.findAll { it.startsWith('identity flags=') } == ['identity flags=-Dmigrate -Dcomponent=identity user_store=database']
    assert runs.any { it.startsWith('identity-config migrationEnable: true currentVersion: 5.11.0 migrateVersion: 6.0.0') } : runs
    assert runs.findAll { it.startsWith('pre-validation flags=') } ==
            ['pre-validation flags=-Dmigrate -DmigrateFromVersion=4.1.0 -DmigratedVersion=4.2.0 -DrunPreMigration user_store=database_unique_id']
    assert runs.findAll { it.startsWith('apim flags=') } ==
            ['apim flags=-Dmigrate -DmigrateFromVersion=4.1.0 -DmigratedVersion=4.2.0 user_store=database_unique_id']
    assert runs.contains('apim-migrated from=4.1.0 to=4.2.0 hops=1')
    assert runs.count { it.startsWith('start flags=') } == 2 : runs
    def serverLog = new File(newHome, 'repository/logs/wso2carbon.log').text
    assert serverLog.contains('Version : 6.0.0, Migration Step : SchemaMigrator of order : 4 is starting')
    assert !serverLog.contains('Version : 5.11.0, Migration Step')
    assert serverLog.contains('WSO2 API-M Migration Task : Completed migration from 4.1.0 to 4.2.0...')
    // the clients are gone again
    assert !new File(newHome, 'migration-resources').exists()
    assert new File(newHome, 'repository/components/dropins').list().findAll { it.contains('migrat') }.isEmpty()

    // ------------------------------------------------------------ deployment.toml, key by key
    def toml = Toml.parse(new File(newHome, 'repository/conf/deployment.toml').getText('UTF-8'))
    assert !toml.hasErrors() : toml.errors()
    def server = db.getProperty('pg.server')
    assert toml.getString('server.hostname') == 'apim.example.com'
    assert toml.getString('database.apim_db.type') == 'postgre'
    assert toml.getString('database.apim_db.url') == "${server}/${prefix}_am_db".toString()
    assert toml.getString('database.shared_db.url') == "${server}/${prefix}_shared_db".toString()
    assert toml.getString('apim.cors.allow_origins') == 'https://portal.example.com'
    assert toml.getString('transport.passthru_https.sender.parameters.HostnameVerifier') == 'AllowAll'
    def envs = toml.getArray('apim.gateway.environment')
    assert (0..<envs.size()).collect { envs.getTable(it).getString('name') } == ['Default', 'Partners']
    assert envs.getTable(0).getString('provider') == 'wso2' : '4.2.0 default kept'
    assert envs.getTable(0).getString('http_endpoint') == 'http://apim.example.com:${http.nio.port}'
    assert toml.getBoolean('apim.key_manager.enable_apikey_subscription_validation') == true : '4.2.0 default kept'
    // 4.2.0 no longer reads [database_configuration]: not written, a manual action instead
    assert !toml.contains('database_configuration')
    assert log.contains('database_configuration')
    assert toml.getLong('indexing.re_indexing') == 1

    // ------------------------------------------------------------ the databases: WSO2 4.2.0's shape, rows kept
    connect(db, "${prefix}_shared_db".toString()).withCloseable { c ->
        ['reg_resource_comment', 'reg_resource_rating', 'reg_resource_tag', 'reg_resource_property'].each { t ->
            assert rows(c, """SELECT kcu.column_name FROM information_schema.table_constraints tc
                    JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
                    AND kcu.table_name = tc.table_name WHERE tc.table_name = '$t' AND tc.constraint_type = 'PRIMARY KEY'""".toString()) == [['id']] : t
            assert rows(c, "SELECT COUNT(*), COUNT(DISTINCT ID) FROM $t".toString())[0].collect { it as long }.with { it[0] == it[1] && it[0] > 0 } : t
        }
        assert rows(c, 'SELECT COUNT(*) FROM REG_RESOURCE_TAG')[0][0] == 2
        // run once, by migrate-apim before the client, not again by invocation 2
        assert rows(c, "SELECT STEP_ID, SUCCESS FROM APIM_UPGRADE_HISTORY WHERE SCRIPT = 'shared-db-410-to-420/postgresql.sql'") == [['migrate-apim', true]]
    }
    connect(db, "${prefix}_am_db".toString()).withCloseable { c ->
        assert rows(c, "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'am_correlation%' ORDER BY 1") ==
                [['am_correlation_configs'], ['am_correlation_properties']]
        assert rows(c, 'SELECT COUNT(*) FROM AM_API')[0][0] == 2
        assert rows(c, "SELECT STEP_ID, SUCCESS FROM APIM_UPGRADE_HISTORY WHERE SCRIPT = 'am-db-410-to-420/postgresql.sql'") == [['migrate-apim-db', true]]
    }
    return true
} finally {
    connect(db, null).withCloseable { c ->
        c.createStatement().withCloseable { st ->
            ['am_db', 'shared_db'].each { st.execute("DROP DATABASE IF EXISTS ${prefix}_${it} WITH (FORCE)".toString()) }
        }
    }
}
