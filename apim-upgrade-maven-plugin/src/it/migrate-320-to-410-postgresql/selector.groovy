// Runs only where a PostgreSQL server answers: APIM_UPGRADE_TEST_PG_URL (CI sets it), else the local default.
// Anywhere else (and on Windows, where the stand-in shell script cannot run) the IT is SKIPPED, not failed.
if (System.getProperty('os.name').toLowerCase(Locale.ROOT).contains('win')) {
    println 'migrate-320-to-410-postgresql: the stand-in bin/api-manager.sh needs a POSIX shell: skipped on Windows'
    return false
}
def url = System.getenv('APIM_UPGRADE_TEST_PG_URL') ?: 'jdbc:postgresql://127.0.0.1:5432/postgres'
def m = url =~ /^jdbc:postgresql:\/\/([^\/:?]+)(?::(\d+))?/
if (!m.find()) {
    println "migrate-320-to-410-postgresql: cannot read host and port from $url: skipped"
    return false
}
def host = m.group(1)
def port = (m.group(2) ?: '5432') as int
try {
    new Socket().withCloseable { it.connect(new InetSocketAddress(host, port), 2000) }
    return true
} catch (IOException e) {
    println "migrate-320-to-410-postgresql: no PostgreSQL server at $host:$port ($e.message): skipped"
    return false
}
