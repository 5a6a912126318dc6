package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.Workspace;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** One engine call's resolved world: both homes, the path, the databases and the step context. */
final class Session implements AutoCloseable {
    final UpgradeRequest request;
    final Installation oldHome;
    final Installation newHome;
    final UpgradePath path;
    final JournalFile journal;
    final Databases databases;
    final StepContext context;

    private Session(UpgradeRequest request, Installation oldHome, Installation newHome, UpgradePath path,
                    JournalFile journal, Databases databases, StepContext context) {
        this.request = request;
        this.oldHome = oldHome;
        this.newHome = newHome;
        this.path = path;
        this.journal = journal;
        this.databases = databases;
        this.context = context;
    }

    static Session open(UpgradeRequest request, EventSink sink, Redactor redactor, Clock clock, ProcessLauncher launcher) {
        if (request.oldHome() == null) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "No old home given.", "apim.upgrade.oldHome",
                    "Set <oldHome> (or -Dapim.upgrade.oldHome) to the API Manager installation being upgraded.");
        }
        if (request.newHome() == null) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "No new home given.", "apim.upgrade.newHome",
                    "Set <newHome> (or -Dapim.upgrade.newHome) to the unpacked new API Manager.");
        }
        Installation oldHome = InstallationReader.readOld(request.oldHome(), request.fromVersion(), request.datasources());
        Installation newHome = InstallationReader.readNew(request.newHome(), request.toVersion());
        UpgradePath path = PathCatalog.load().find(oldHome.version(), newHome.version());
        oldHome.datasources().forEach(d -> redactor.register(d.password().reveal()));
        oldHome.roles().values().forEach(d -> redactor.register(d.password().reveal()));
        JournalFile journal = JournalFile.open(newHome.home(), clock);
        if (journal.pathId() != null && !journal.pathId().equals(path.id())) {
            throw UpgradeException.user(ErrorCode.VERSION_MISMATCH, "The new home's journal belongs to the upgrade "
                    + journal.pathId() + ", not " + path.id() + ".", journal.file().toString(),
                    "Use a fresh new home for a different upgrade path, or move " + journal.file() + " away.");
        }
        Map<DatasourceRole, Datasource> migrated = new EnumMap<>(DatasourceRole.class);
        oldHome.roles().forEach(migrated::put);
        Databases databases = new Databases(migrated, redactor);
        StepContext context = new StepContext(request, oldHome, newHome, path, new Workspace(), databases,
                sink, redactor, journal, clock, launcher);
        return new Session(request, oldHome, newHome, path, journal, databases, context);
    }

    /** Fills the report's header: path, homes, datasources (no secrets). */
    void describe(RunReport report) {
        report.path = path.id();
        report.guide = path.guide();
        report.oldHome = oldHome.home().toAbsolutePath().normalize().toString();
        report.newHome = newHome.home().toAbsolutePath().normalize().toString();
        report.fromVersion = oldHome.version();
        report.toVersion = newHome.version();
        oldHome.roles().forEach((role, ds) -> report.datasources.add(new RunReport.DatasourceLine(role.tomlName(),
                ds.name(), context.redactor().redact(ds.url()), ds.username(), ds.origin(),
                Dialects.fromUrl(ds.url()).map(d -> d.id()).orElse("unknown"))));
    }

    @Override
    public void close() {
        databases.close();
    }
}
