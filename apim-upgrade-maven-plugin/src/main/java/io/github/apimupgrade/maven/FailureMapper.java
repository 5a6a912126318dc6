package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.api.UpgradeException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place engine failures become Maven failures: the user must fix input (configuration, preconditions,
 * lock held, pending changes) -> {@link MojoFailureException} (BUILD FAILURE); a script, the server or the
 * machine failed -> {@link MojoExecutionException} (BUILD ERROR). The cause is always kept.
 */
final class FailureMapper {
    private FailureMapper() {
    }

    static Exception map(UpgradeException e) {
        String text = e.describe();
        return e.kind() == UpgradeException.Kind.USER
                ? new MojoFailureException(text, e)
                : new MojoExecutionException(text, e);
    }
}
