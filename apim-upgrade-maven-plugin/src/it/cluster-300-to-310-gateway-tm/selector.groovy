// Runs only where a PostgreSQL server answers: APIM_UPGRADE_TEST_PG_URL (CI sets it), else the local default.
// Anywhere else (and on Windows, where the stand-in shell script cannot run) the IT is SKIPPED, not failed.
if (System.getProperty('os.name').toLowerCase(Locale.ROOT).contains('win')) {
    println 'cluster-300-to-310-gateway-tm: the stand-in bin/api-manager.sh needs a POSIX shell: skipped'
    return false
}
def url = System.getenv('APIM_UPGRADE_TEST_PG_URL') ?: 'jdbc:postgresql://127.0.0.1:5432/postgres'
def m = url =~ /^jdbc:postgresql:\/\/([^\/:?]+)(?::(\d+))?/
if (!m.find()) {
    println "cluster-300-to-310-gateway-tm: cannot read host and port from $url: skipped"
    return false
}
try {
    new Socket().withCloseable { it.connect(new InetSocketAddress(m.group(1), (m.group(2) ?: '5432') as int), 2000) }
    return true
} catch (IOException e) {
    println "cluster-300-to-310-gateway-tm: no PostgreSQL server at ${m.group(1)} ($e.message): skipped"
    return false
}
