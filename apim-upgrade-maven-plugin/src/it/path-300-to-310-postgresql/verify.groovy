import groovy.json.JsonSlurper
import org.tomlj.Toml

import java.security.MessageDigest
import java.sql.Connection

// The databases are read with the PostgreSQL driver and deployment.toml with tomlj, both dependencies of the invoker
// plugin (apim-upgrade-maven-plugin/pom.xml): exact values, no scraping of the build log for data.
def db = new Properties()
new File(basedir, 'it-databases.properties').withReader('UTF-8') { db.load(it) }
def prefix = db.getProperty('db.prefix')
def amDb = "${prefix}_am_db".toString()
def sharedDb = "${prefix}_shared_db".toString()

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
    def example = new File(basedir, '../../../../examples/apim-300-to-310-postgresql').canonicalFile
    def newHome = new File(basedir, 'target/wso2am-3.1.0')
    def oldHome = new File(basedir, 'target/wso2am-3.0.0')
    def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

    // ------------------------------------------------------------ the runs
    assert log.contains('Result of the upgrade 3.0.0 -> 3.1.0:')
    def steps = ['prepare-config', 'backup', 'migrate-registry-versioning', 'migrate-resources', 'migrate-apim-db', 'migrate-identity',
                 'migrate-apim', 'reindex', 'migrate-analytics', 'migrate-scope-roles', 'finalize', 'verify']
    steps.each { assert log.contains("== $it:") : "step $it did not run" }
    def journal = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/journal.json'))
    assert journal.path == '3.0.0 -> 3.1.0'
    assert journal.steps.keySet() as List == steps
    journal.steps.each { id, step ->
        assert step.state == 'SUCCEEDED' : "$id is ${step.state}"
        assert step.attempts == 1 : "$id ran ${step.attempts} times"
    }
    // the backup step dumped the PostgreSQL database (pg_dump when on the PATH) and read it back; verify passed
    def backup = new JsonSlurper().parse(new File(newHome, '.apim-upgrade/backup.json'))
    assert backup.dumps.size() >= 1
    backup.dumps.each { d ->
        assert d.format in ['pg_dump', 'jdbc-export']
        assert new File(d.file).length() == d.sizeBytes
        assert sha(new File(d.file)) == d.sha256
        assert d.checked.contains('all equal to the live counts')
        assert !d.file.startsWith(newHome.canonicalPath)
    }
    assert backup.inventory['apis[tenant=carbon.super]'] > 0
    // invocation 2: rows added, then migrate found nothing to do
    // Maven 3.8 prints the mojo header with the artifactId, 3.9 with the plugin prefix
    assert log =~ /--- (sql-maven-plugin|sql):3\.0\.0:execute \(am-db-rows\)/
    assert log.contains('Nothing to do: the upgrade 3.0.0 -> 3.1.0 is already complete.')
    assert new JsonSlurper().parse(new File(basedir, 'target/apim-upgrade/report.json')).outcome == 'NOTHING_TO_DO'
    assert !log.contains('[ERROR]')

    // ------------------------------------------------------------ deployment.toml, key by key
    def tomlFile = new File(newHome, 'repository/conf/deployment.toml')
    def text = tomlFile.getText('UTF-8')
    def toml = Toml.parse(text)
    assert !toml.hasErrors() : toml.errors()
    def server = db.getProperty('pg.server')
    [apim_db: amDb, shared_db: sharedDb].each { table, name ->
        assert toml.getString("database.${table}.type") == 'postgre'
        assert toml.getString("database.${table}.url") == "${server}/${name}".toString()
        assert toml.getString("database.${table}.username") == db.getProperty('pg.user')
        assert toml.getString("database.${table}.password") == db.getProperty('pg.password')
        assert toml.getString("database.${table}.driver") == 'org.postgresql.Driver'
        assert toml.getString("database.${table}.validationQuery") == 'SELECT 1'
    }
    assert toml.getLong('database.apim_db.pool_options.maxActive') == 75
    assert toml.getLong('database.apim_db.pool_options.maxWait') == 60000
    // identity: "database" during the run, database_unique_id after it (seed 004 step 2.5.5)
    assert toml.getString('user_store.type') == 'database_unique_id'
    // re-index: one more than the (absent) old value
    assert toml.getLong('indexing.re_indexing') == 1
    assert toml.get('indexing.frequency') == null : 'the pool-exhaustion retry setting was left behind'
    // the operator's settings of the old deployment.toml, carried key by key (seed 004 step 1)
    assert toml.getString('server.hostname') == 'apim.example.com'
    assert toml.getString('database.user.url') == "${server}/${sharedDb}".toString()
    assert toml.getString('database.user.driver') == 'org.postgresql.Driver'
    assert toml.getString('realm_manager.data_source') == 'WSO2USER_DB'
    assert toml.getString('keystore.primary.file_name') == 'apim-primary.jks'
    assert toml.getString('keystore.primary.alias') == 'apim'
    assert toml.getString('keystore.primary.password') == 'primary-store-pass'
    assert toml.getString('keystore.tls.file_name') == 'apim-primary.jks'
    assert toml.getString('keystore.tls.alias') == 'apim'
    assert toml.getString('truststore.file_name') == 'apim-truststore.jks'
    assert toml.getString('truststore.password') == 'trust-store-pass'
    def environments = toml.getArray('apim.gateway.environment')
    assert (0..<environments.size()).collect { environments.getTable(it).getString('name') } == ['Production and Sandbox', 'Edge EU']
    def edge = environments.getTable(1)
    assert edge.getString('type') == 'production'
    assert edge.getBoolean('show_as_token_endpoint_url') == false
    assert edge.getString('service_url') == 'https://gw-eu.example.com:9443/services/'
    assert edge.getString('https_endpoint') == 'https://gw-eu.example.com:8243'
    assert environments.getTable(0).getString('https_endpoint') == 'https://localhost:${https.nio.port}'
    assert toml.getString('apim.cors.allow_origins') == 'https://portal.example.com'
    assert toml.getArray('apim.cors.allow_headers').toList() == ['authorization', 'Access-Control-Allow-Origin', 'Content-Type', 'SOAPAction', 'apikey']
    assert toml.getBoolean('apim.cache.gateway_token.enable') == true
    assert toml.getLong('apim.cache.gateway_token.expiry_time') == 900
    assert toml.getBoolean('apim.throttling.enable_unlimited_tier') == false
    assert toml.getString('apim.devportal.url') == 'https://devportal.example.com/devportal'
    assert toml.getLong('transport.https.properties.proxyPort') == 443
    // no secret of the old file in the log or the reports
    [log, new File(basedir, 'target/apim-upgrade/report.json').text, new File(basedir, 'target/apim-upgrade/plan.txt').text].each {
        assert !it.contains('primary-store-pass') && !it.contains('trust-store-pass')
    }
    // the user database entry that shares the registry database is carried, not reported as a custom datasource
    assert !log.contains('Custom datasource WSO2USER_DB')
    // the new version's own settings and comments are untouched
    def fixture = new File(example, 'src/wso2am-3.1.0/repository/conf/deployment.toml').getText('UTF-8')
    assert text.startsWith(fixture.readLines().take(2).join('\n') + '\n')
    assert text.contains('\n#offset=0\n')
    assert toml.getString('super_admin.username') == 'admin'
    assert toml.getArray('apim.cors.allow_methods').toList() == ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS']
    // backups of every version written
    assert new File(newHome, 'repository/conf').list().count { it.startsWith('deployment.toml.apim-upgrade-') } >= 3

    // ------------------------------------------------------------ the synapse files, execution plans, keystores
    def oldSynapse = new File(oldHome, 'repository/deployment/server/synapse-configs/default')
    def newSynapse = new File(newHome, 'repository/deployment/server/synapse-configs/default')
    ['api/admin--PizzaShackAPI_v1.0.0.xml', 'api/admin--PizzaShackAPI_v2.0.0.xml', 'sequences/pizza-audit-log.xml',
     'proxy-services/LegacyOrders.xml', 'sequences/fault.xml'].each {
        assert sha(new File(newSynapse, it)) == sha(new File(oldSynapse, it)) : "$it not carried over"
    }
    def newSource = new File(example, 'src/wso2am-3.1.0/repository/deployment/server/synapse-configs/default')
    ['api/_RevokeAPI_.xml', 'sequences/_cors_request_handler_.xml', 'sequences/main.xml'].each {
        assert sha(new File(newSynapse, it)) == sha(new File(newSource, it)) : "the 3.1.0 $it was replaced"
        assert new File(newSynapse, it).text.contains('"stand-in-version" value="3.1.0"')
    }
    def oldTenant = new File(oldHome, 'repository/tenants/1/synapse-configs/default')
    def newTenant = new File(newHome, 'repository/tenants/1/synapse-configs/default')
    ['api/alice-AT-wso2.com--WeatherAPI_v2.1.0.xml', 'sequences/weather-fault.xml'].each {
        assert sha(new File(newTenant, it)) == sha(new File(oldTenant, it)) : "tenant file $it not carried over"
    }
    ['api/_RevokeAPI_.xml', 'sequences/_cors_request_handler_.xml', 'sequences/main.xml'].each {
        assert !new File(newTenant, it).exists() : "the tenant's 3.0.0 $it was copied"
    }
    def plan = 'repository/deployment/server/executionplans/custom_block_abusive_ips.siddhiql'
    assert sha(new File(newHome, plan)) == sha(new File(oldHome, plan))
    ['apim-primary.jks', 'apim-truststore.jks', ].each {
        assert sha(new File(newHome, "repository/resources/security/$it")) == sha(new File(oldHome, "repository/resources/security/$it"))
    }
    assert new File(newHome, 'repository/components/lib/postgresql-42.7.4.jar').isFile()

    // ------------------------------------------------------------ the second run changed no file
    def tree = { File root ->
        def out = [:]
        root.eachFileRecurse(groovy.io.FileType.FILES) { out[root.toPath().relativize(it.toPath()).toString()] = sha(it) }
        out
    }
    // (.apim-upgrade/lock records who holds the lock: every run writes it)
    def afterRun1 = tree(new File(basedir, 'target/new-home-after-run-1')).findAll { k, v -> k != '.apim-upgrade/lock' }
    def afterRun2 = tree(newHome).findAll { k, v -> k != '.apim-upgrade/lock' }
    assert afterRun1.size() > 20
    assert afterRun2 == afterRun1 : "the second run changed the new home: ${(afterRun2 - afterRun1).keySet() + (afterRun1 - afterRun2).keySet()}"
    // the old installation is never written: every file as laid out from the example's sources
    def oldSource = new File(example, 'src/wso2am-3.0.0')
    def oldFiles = tree(oldHome)
    tree(oldSource).each { rel, hash ->
        if (!rel.endsWith('deployment.toml')) {
            assert oldFiles[rel] == hash : "old home file $rel changed"
        }
    }
    assert (oldFiles.keySet() - tree(oldSource).keySet()).sort() == ['repository/components/lib/postgresql-42.7.4.jar',
        'repository/resources/security/apim-primary.jks', 'repository/resources/security/apim-truststore.jks']

    // ------------------------------------------------------------ the server runs (stand-in's record)
    // the stand-in's Solr-index record of each plain start ("solr-files=<n>") aside
    def runs = new File(newHome, 'standin-runs.log').readLines().findAll { !it.startsWith('solr-files=') }
    assert runs == [
        'identity flags=-Dmigrate -Dcomponent=identity user_store=database',
        'identity-config migrationEnable: true currentVersion: 5.9.0 migrateVersion: 5.10.0 removed=2',
        'identity-migrated',
        'start flags= user_store=database_unique_id',
        'tenantloader-present',
        'start flags= user_store=database_unique_id',
        'solr-present', // the final start finds the index the re-index start rebuilt
    ] : runs.join('\n')
    // the identity client and the tenant loader are gone again
    assert !new File(newHome, 'migration-resources').exists()
    assert new File(newHome, 'repository/components/dropins').list().toList() == []

    // ------------------------------------------------------------ solr: backed up, then rebuilt by the re-index start
    assert new File(newHome, 'solr/data/index/_1.cfs').exists() : 'the re-index start wrote a new index'
    assert !new File(newHome, 'solr/data/index/README.txt').exists() : 'the old index was moved aside' 
    def solrBackups = newHome.listFiles().findAll { it.name ==~ /solr\.apim-upgrade-\d{8}T\d{6}Z\.bak/ }
    assert solrBackups.size() == 1
    assert sha(new File(solrBackups[0], 'data/index/README.txt')) ==
            sha(new File(example, 'src/wso2am-3.1.0/solr/data/index/README.txt'))

    // ------------------------------------------------------------ AM_DB: 3.1.0 tables, old and new rows kept
    connect(db, amDb).withCloseable { c ->
        def tables = rows(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")*.get(0)
        ['am_api', 'am_api_categories', 'am_security_audit_uuid_mapping', 'am_system_apps', 'am_user'].each {
            assert tables.contains(it) : "AM_DB has no table $it: $tables"
        }
        assert rows(c, "SELECT column_name FROM information_schema.columns WHERE table_name = 'am_system_apps' AND column_name = 'tenant_domain'").size() == 1
        assert rows(c, 'SELECT API_ID, API_PROVIDER, API_NAME, API_VERSION FROM AM_API ORDER BY API_ID') == [
            [1, 'admin', 'PizzaShackAPI', '1.0.0'], [2, 'admin', 'PizzaShackAPI', '2.0.0'],
            [3, 'alice@wso2.com', 'WeatherAPI', '2.1.0'], [4, 'admin', 'OrdersAPI', '1.0.0']]
        // the 3.0.0 rows got the default tenant; the row added between the runs exists only because NAME is no longer unique
        assert rows(c, 'SELECT NAME, CONSUMER_KEY, TENANT_DOMAIN FROM AM_SYSTEM_APPS ORDER BY ID') == [
            ['apim_publisher', 'pubKey0000000000000000000000', 'carbon.super'],
            ['apim_devportal', 'devKey0000000000000000000000', 'carbon.super'],
            ['apim_admin', 'admKey0000000000000000000000', 'carbon.super'],
            ['apim_publisher', 'pubKeyWso2000000000000000000', 'wso2.com']]
        assert rows(c, 'SELECT NAME FROM AM_API_CATEGORIES') == [['Food']]
        assert rows(c, 'SELECT USER_NAME FROM AM_USER') == [['admin']]
        // beyond the guide, as WSO2's own 3.1.0 AM_DB: the IDN_UMA_* tables and 255-character certificate columns
        ['idn_uma_resource', 'idn_uma_permission_ticket', 'idn_uma_pt_resource_scope'].each {
            assert tables.contains(it) : "AM_DB has no table $it: $tables"
        }
        assert rows(c, "SELECT column_name, character_maximum_length FROM information_schema.columns WHERE table_name = 'am_certificate_metadata'" +
                " AND column_name IN ('alias', 'end_point') ORDER BY 1") == [['alias', 255], ['end_point', 255]]
        // migrate-apim-db ran once, its three scripts recorded in the history table
        assert rows(c, "SELECT SCRIPT FROM APIM_UPGRADE_HISTORY WHERE STEP_ID = 'migrate-apim-db' AND SCRIPT NOT LIKE '(%' ORDER BY ID")*.get(0) ==
                ['am-db-300-to-310/postgresql.sql', 'identity-uma-ddl/postgresql.sql', 'am-db-310-schema/postgresql.sql']
        // and the step-level row the engine writes when the step completes (issue 12)
        assert rows(c, "SELECT COUNT(*) FROM APIM_UPGRADE_HISTORY WHERE STEP_ID = 'migrate-apim-db' AND SCRIPT = '(step completed)'") == [[1L]]
    }

    // ------------------------------------------------------------ SHARED_DB: REG_LOG compacted once, tenant-conf
    connect(db, sharedDb).withCloseable { c ->
        // fixture: newest row per (path, tenant) is 4, 5, 8, 9, 10; 5 and 9 are REG_ACTION 7 and go too.
        // 101 (an action-7 row added between the runs) stays: the second run did not compact again.
        assert rows(c, 'SELECT REG_LOG_ID FROM REG_LOG ORDER BY REG_LOG_ID')*.get(0) == [4, 8, 10, 101]
        assert rows(c, "SELECT UM_ROLE_NAME FROM UM_ROLE WHERE UM_ID = 101") == [['orderadmin']]
        def conf = { int tenant -> new String(rows(c, "SELECT c.REG_CONTENT_DATA FROM REG_CONTENT c JOIN REG_RESOURCE r " +
                "ON r.REG_CONTENT_ID = c.REG_CONTENT_ID AND r.REG_TENANT_ID = c.REG_TENANT_ID JOIN REG_PATH p " +
                "ON p.REG_PATH_ID = r.REG_PATH_ID AND p.REG_TENANT_ID = r.REG_TENANT_ID WHERE r.REG_NAME = 'tenant-conf.json' " +
                "AND p.REG_PATH_VALUE = '/_system/config/apimgt/applicationdata' AND r.REG_TENANT_ID = $tenant")[0][0] as byte[], 'UTF-8') }
        def scopes = { int tenant -> new JsonSlurper().parseText(conf(tenant)).RESTAPIScopes.Scope.collectEntries {
            [(it.Name): it.Roles.split(',')*.trim()] } }
        assert scopes(-1234)['apim:api_create'] == ['admin', 'Internal/creator', 'apicreator']
        assert scopes(-1234)['apim:api_publish'] == ['admin', 'Internal/publisher', 'apipublisher']
        assert scopes(-1234)['apim:admin'] == ['admin']
        assert scopes(1)['apim:api_create'] == ['admin', 'Internal/creator', 'apicreator']
        // the decoy copy outside the config collection is untouched
        def decoy = new String(rows(c, 'SELECT REG_CONTENT_DATA FROM REG_CONTENT WHERE REG_CONTENT_ID = 3')[0][0] as byte[], 'UTF-8')
        assert decoy == '{"RESTAPIScopes":{"Scope":[{"Name":"apim:api_create","Roles":"Internal/creator"}]}}'
    }
    return true
} finally {
    // keep the PostgreSQL server clean whatever happened above
    connect(db, null).withCloseable { c ->
        [amDb, sharedDb].each { c.createStatement().withCloseable { st -> st.execute("DROP DATABASE IF EXISTS $it") } }
    }
}
