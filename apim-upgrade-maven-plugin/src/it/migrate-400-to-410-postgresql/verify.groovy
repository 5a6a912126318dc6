import groovy.json.JsonSlurper
import org.tomlj.Toml

import java.sql.Connection

// The databases are read with the PostgreSQL driver and deployment.toml with tomlj (dependencies of the invoker
// plugin): exact values, no scraping of the build log for data.
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

    // ------------------------------------------------------------ the runs: the path's steps, then nothing to do
    assert log.contains('Result of the upgrade 4.0.0 -> 4.1.0:')
    def steps = ['prepare-config', 'backup', 'migrate-resources', 'migrate-apim', 'reindex', 'finalize', 'verify']
    steps.each { assert log.contains("== $it:") : "step $it did not run" }
    assert !log.contains('== migrate-identity:') : 'the 4.0.0 -> 4.1.0 guide has no identity step'
    def journal = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/journal.json'))
    assert journal.path == '4.0.0 -> 4.1.0'
    assert journal.steps.keySet() as List == steps
    journal.steps.each { id, step ->
        assert step.state == 'SUCCEEDED' : "$id is ${step.state}"
        assert step.attempts == 1 : "$id ran ${step.attempts} times"
    }
    assert log.contains('Nothing to do: the upgrade 4.0.0 -> 4.1.0 is already complete.')
    assert new JsonSlurper().parse(new File(basedir, 'target/apim-upgrade/report.json')).outcome == 'NOTHING_TO_DO'
    assert !log.contains('[ERROR]')

    // the stand-in's record of the server runs: validation and migration from 4.0.0 once, the re-index and final starts
    def runs = new File(newHome, 'standin-runs.log').readLines()
    def flags = '-Dmigrate -DmigrateFromVersion=4.0.0 -DmigratedVersion=4.1.0'
    assert runs.count { it.startsWith("pre-validation flags=$flags -DrunPreMigration ") } == 1 : runs
    assert runs.count { it.startsWith("apim flags=$flags ") } == 1 : runs
    assert runs.contains('apim-migrated from=4.0.0 to=4.1.0 hops=1') : runs
    assert !runs.any { it.startsWith('identity') } : runs
    assert !new File(newHome, 'repository/components/dropins/org.wso2.carbon.apimgt.migrate.client-4.1.0.51.jar').exists()
    assert !new File(newHome, 'migration-resources').exists()

    // ------------------------------------------------------------ deployment.toml, key by key (guide steps 1, 2.6, 4, 5)
    def toml = Toml.parse(new File(newHome, 'repository/conf/deployment.toml').getText('UTF-8'))
    assert !toml.hasErrors() : toml.errors()
    def server = db.getProperty('pg.server')
    [apim_db: 'am_db', shared_db: 'shared_db', user: 'um_db'].each { table, name ->
        assert toml.getString("database.${table}.type") == 'postgre'
        assert toml.getString("database.${table}.url") == "${server}/${prefix}_${name}".toString()
        assert toml.getString("database.${table}.driver") == 'org.postgresql.Driver'
        assert toml.getString("database.${table}.validationQuery") == 'SELECT 1'
    }
    assert toml.getString('realm_manager.data_source') == 'WSO2USER_DB'
    assert toml.getString('apim.key_manager.service_url') == 'https://is.example.com:9443/services/'
    assert toml.getString('apim.key_manager.type') == 'WSO2-IS'
    assert toml.getString('encryption.key') == '3e2f9a0c5b7d41e8a6c4f1b2d9e0a7c3'
    assert toml.getBoolean('apim.devportal.enable_application_sharing') == true
    assert toml.getString('user_store.type') == 'database_unique_id'
    assert toml.getArray('apim.sync_runtime_artifacts.gateway.skip_list.sequences').toList() == ['WSO2AM--Ext--In.xml']
    assert toml.getLong('indexing.re_indexing') == 1
    // held back during the runs, set by finalize before the final start (guide step 5 note)
    assert toml.getString('super_admin.admin_role') == 'apimadmin'
    assert !toml.contains('authorization_manager.properties.GroupAndRoleSeparationEnabled')
    assert !toml.contains('custom_audit') : '4.1.0 does not know [custom_audit]: a manual action, not carried'
    // the [encryption] key is a secret: in no log line and no report file
    def encryptionKey = '3e2f9a0c5b7d41e8a6c4f1b2d9e0a7c3'
    assert !log.contains(encryptionKey)
    new File(basedir, 'target/apim-upgrade').eachFileRecurse(groovy.io.FileType.FILES) { f -> assert !f.text.contains(encryptionKey) : "$f shows the key" }

    // ------------------------------------------------------------ files (guide step 2)
    assert new File(newHome, 'repository/components/lib').list().any { it.startsWith('postgresql-') }
    assert new File(newHome, 'repository/resources/security/wso2carbon.jks').exists()
    assert new File(newHome, 'repository/deployment/server/userstores/EXAMPLE_COM.xml').exists()
    assert new File(newHome, 'repository/deployment/server/synapse-configs/default/sequences/WSO2AM--Ext--In.xml').text.contains('WSO2AM--Ext--In')

    // ------------------------------------------------------------ databases (guide step 1.5 on the registry database)
    connect(db, "${prefix}_shared_db".toString()).withCloseable { c ->
        def indexes = rows(c, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('reg_resource_tag', 'reg_resource_property')"
                + " AND indexname IN ('reg_resource_tag_ind_by_reg_tag_id', 'reg_resource_property_ind_by_reg_prop_id') ORDER BY 1")
        assert indexes.size() == 2 : indexes
        assert indexes[0][1].toString().toLowerCase().contains('(reg_tenant_id, reg_property_id)')
        assert indexes[1][1].toString().toLowerCase().contains('(reg_tag_id, reg_tenant_id)')
        def history = rows(c, "SELECT SCRIPT FROM APIM_UPGRADE_HISTORY WHERE SCRIPT LIKE 'registry-indexes-400-to-410/%'")
        assert history == [['registry-indexes-400-to-410/postgresql.sql']] : history
    }
    connect(db, "${prefix}_am_db".toString()).withCloseable { c ->
        assert rows(c, 'SELECT COUNT(*) FROM AM_API')[0][0] == 2
    }
} finally {
    connect(db, null).withCloseable { c ->
        c.createStatement().withCloseable { st ->
            ['am_db', 'shared_db', 'um_db'].each { st.execute("DROP DATABASE IF EXISTS ${prefix}_${it} WITH (FORCE)".toString()) }
        }
    }
}
return true
