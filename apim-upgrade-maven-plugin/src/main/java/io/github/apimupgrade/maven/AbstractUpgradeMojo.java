package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import javax.inject.Inject;
import java.io.File;
import java.util.List;

/**
 * The one base of every goal: handles skip, builds the engine request, calls the engine, hands failures to
 * {@link FailureMapper}. No file I/O, JDBC or class-loader changes here.
 */
public abstract class AbstractUpgradeMojo extends UpgradeParameters {
    static {
        QuietLibraryLogs.apply(); // before HikariCP or a driver creates its logger
    }

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    private List<RemoteRepository> remoteRepositories;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File basedir;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Inject
    private SettingsDecrypter settingsDecrypter;

    @Inject
    private RepositorySystem repositorySystem;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("apim-upgrade: skipped (apim.upgrade.skip=true).");
            return;
        }
        LiveStatus live = LiveStatus.enabled(System.console() != null, session != null && session.getRequest().isInteractiveMode(),
                getLog().isDebugEnabled(), System.getenv("TERM"))
                ? new LiveStatus(System.out, java.time.Clock.systemUTC(), LiveStatus.width(System.getenv("COLUMNS"))).start() : null;
        UpgradeEngine engine = new UpgradeEngine(new MavenEventSink(getLog(), live));
        try {
            RequestFactory factory = new RequestFactory(Credentials.system(settings, settingsDecrypter),
                    new ArtifactFiles(basedir, repositorySystem, repositorySession, remoteRepositories));
            UpgradeRequest request = factory.build(this, failOnPendingChanges());
            run(engine, request, goal());
        } catch (UpgradeException e) {
            Exception mapped = FailureMapper.map(e);
            if (mapped instanceof MojoFailureException f) {
                throw f;
            }
            throw (MojoExecutionException) mapped;
        } finally {
            if (live != null) {
                live.close();
            }
        }
    }

    /** The goal name this execution runs (= the step id for step goals). */
    protected final String goal() {
        return mojoExecution == null ? "" : mojoExecution.getGoal();
    }

    /** Calls the engine for this goal. The default runs the step whose id is the goal name. */
    protected void run(UpgradeEngine engine, UpgradeRequest request, String goal) {
        engine.runStep(goal, request);
    }

    /** Only plan exposes the CI gate. */
    protected boolean failOnPendingChanges() {
        return false;
    }
}
