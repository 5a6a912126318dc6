package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * "A path or Maven coordinates": an existing file or directory is used as is; {@code groupId:artifactId[:extension[:classifier]]:version}
 * is resolved from the project's repositories (so migration clients can live in a company repository).
 */
final class ArtifactFiles implements Function<String, Path> {
    private final File baseDir;
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    ArtifactFiles(File baseDir, RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.baseDir = baseDir;
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    @Override
    public Path apply(String value) {
        Path p = Path.of(value);
        if (!p.isAbsolute() && baseDir != null) {
            p = baseDir.toPath().resolve(value);
        }
        if (Files.exists(p)) {
            return p;
        }
        String[] parts = value.split(":");
        if (parts.length < 3 || parts.length > 5 || value.contains("/") || value.contains("\\")) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "Not found: " + value, value,
                    "Give an existing zip/jar/directory path, or Maven coordinates groupId:artifactId[:extension[:classifier]]:version.");
        }
        String coords = parts.length == 3 ? parts[0] + ":" + parts[1] + ":zip:" + parts[2] : value;
        try {
            return system.resolveArtifact(session, new ArtifactRequest(new DefaultArtifact(coords), repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException | IllegalArgumentException e) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "Cannot resolve " + value + ": " + e.getMessage(), value,
                    "Deploy the WSO2 client to a repository the project can reach, or give a file path.", e);
        }
    }
}
