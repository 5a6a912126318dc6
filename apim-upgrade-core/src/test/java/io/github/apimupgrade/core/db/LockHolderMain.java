package io.github.apimupgrade.core.db;

/** A child JVM that takes the upgrade lock and waits to be killed: the kill -9 test's other process. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Database db = new Database(java.util.Set.of(io.github.apimupgrade.core.config.DatasourceRole.APIM_DB),
                DbFixtures.datasource("WSO2AM_DB", args[0], args[1], args.length > 2 ? args[2] : ""),
                new io.github.apimupgrade.core.event.Redactor());
        DatabaseLock lock = DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME);
        System.out.println("LOCKED " + lock.name());
        System.out.flush();
        Thread.sleep(300_000);
    }
}
