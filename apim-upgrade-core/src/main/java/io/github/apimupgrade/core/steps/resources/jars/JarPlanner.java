package io.github.apimupgrade.core.steps.resources.jars;

import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Seed step 2.1-2.3 (and 3.0 -> 3.1 steps 1.5, 1.8, 1.9): JDBC drivers and the jars/bundles the user added to
 * {@code repository/components/lib} and {@code /dropins}. Each jar is decided by rules, in this order:
 * <ol>
 *   <li>unreadable: reported, not copied;</li>
 *   <li>the new home already has identical bytes under the same name: skipped;</li>
 *   <li>the new home's target directory holds another file of the same artifact: conflict, reported, not copied;</li>
 *   <li>listed in customJars: copied; a JDBC driver of a datasource in use: copied to lib;</li>
 *   <li>listed in stockJars: the product's, skipped;</li>
 *   <li>a WSO2 migration client left from an earlier upgrade: skipped;</li>
 *   <li>a dropins bundle Carbon generated from a lib jar (its Bundle-ClassPath names a jar of the old lib): skipped;</li>
 *   <li>the new home ships the same artifact (components/plugins, lib, dropins, or lib/): the product's, skipped;</li>
 *   <li>the old home's components/plugins has the same artifact (a patch or override of a product bundle):
 *       undecided, reported with a manual action;</li>
 *   <li>otherwise: added by the user, copied.</li>
 * </ol>
 */
public final class JarPlanner {
    private final StepContext context;
    private final StepPlan.Builder plan;
    private final Function<Path, String> oldDisplay;
    private final Function<Path, String> newDisplay;
    private JarIndex newIndex;
    private JarIndex oldPlugins;

    public JarPlanner(StepContext context, StepPlan.Builder plan) {
        this.context = context;
        this.plan = plan;
        this.oldDisplay = p -> "[old] " + context.oldHome().display(p);
        this.newDisplay = p -> "[new] " + context.newHome().display(p);
    }

    public void plan() {
        Installation oldHome = context.oldHome();
        Installation newHome = context.newHome();
        Path oldLib = oldHome.components().resolve("lib");
        Path oldDropins = oldHome.components().resolve("dropins");
        Path newLib = newHome.components().resolve("lib");
        Path newDropins = newHome.components().resolve("dropins");

        Map<Path, String> drivers = findDrivers(oldLib, oldDropins, newLib);
        Set<String> oldLibNames = JarIndex.list(oldLib).stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(LinkedHashSet::new));

        for (Path jar : JarIndex.list(oldLib)) {
            decide(jar, newLib, drivers.get(jar), oldLibNames, false);
        }
        for (Path jar : JarIndex.list(oldDropins)) {
            String driver = drivers.get(jar);
            decide(jar, driver != null ? newLib : newDropins, driver, oldLibNames, true);
        }
    }

    /** Driver class of every datasource in use -> the old jar holding it; drivers not found are reported. */
    private Map<Path, String> findDrivers(Path oldLib, Path oldDropins, Path newLib) {
        Set<String> classes = context.oldHome().datasources().stream().map(Datasource::driverClassName)
                .filter(Objects::nonNull).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<Path> candidates = new ArrayList<>(JarIndex.list(oldLib));
        candidates.addAll(JarIndex.list(oldDropins));
        Map<Path, String> found = new LinkedHashMap<>();
        for (String driverClass : classes) {
            Path jar = candidates.stream().filter(j -> JarInfo.containsClass(j, driverClass)).findFirst().orElse(null);
            if (jar != null) {
                found.merge(jar, driverClass, (a, b) -> a + ", " + b);
                continue;
            }
            Path inNew = JarIndex.list(newLib).stream().filter(j -> JarInfo.containsClass(j, driverClass)).findFirst().orElse(null);
            Path onClasspath = driverClass.startsWith("org.h2.") ? null : jarOnClasspath(driverClass);
            if (inNew != null) {
                plan.note("JDBC driver " + driverClass + " is already in " + newDisplay.apply(inNew));
            } else if (driverClass.startsWith("org.h2.")) {
                plan.note("JDBC driver " + driverClass + " ships with the product: nothing to copy");
            } else if (onClasspath != null) {
                driverFromClasspath(onClasspath, driverClass, newLib);
            } else {
                plan.warning("No jar in " + oldDisplay.apply(oldLib) + " or " + oldDisplay.apply(oldDropins)
                        + " contains the JDBC driver " + driverClass + " used by the old datasources");
                plan.manual("Copy the JDBC driver jar containing " + driverClass + " to the new home", newDisplay.apply(newLib),
                        "cp <driver>.jar " + newLib + "/");
            }
        }
        return found;
    }

    /**
     * The old home has no jar with the driver, but the upgrade itself connects with it (a plugin dependency, see
     * ARCHITECTURE.md): that jar is copied, unless the new lib already holds another version of it.
     */
    private void driverFromClasspath(Path jar, String driverClass, Path newLib) {
        JarInfo info = JarInfo.read(jar);
        Path target = newLib.resolve(jar.getFileName().toString());
        List<JarInfo> conflicts = newIndex().sameArtifactIn(info, newLib).stream()
                .filter(j -> !j.file().getFileName().equals(jar.getFileName())).toList();
        if (!conflicts.isEmpty()) {
            plan.warning("Version conflict: the JDBC driver " + jar + " (from the upgrade's own dependencies) is the same artifact as "
                    + newDisplay.apply(conflicts.get(0).file()) + ": not copied");
            return;
        }
        CopyFileAction.unlessIdentical(jar, target, jar.toString(), newDisplay.apply(target),
                "JDBC driver " + driverClass + " of a datasource in use; the old home has no jar with it, this is the jar the upgrade"
                        + " connects with (plugin dependency)").ifPresentOrElse(plan::action,
                () -> plan.note(newDisplay.apply(target) + " is already identical to " + jar + ": skipped"));
    }

    /** The jar a class is loaded from by the upgrade itself, or null (not on the class path, or not from a jar). */
    static Path jarOnClasspath(String className) {
        try {
            ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : JarPlanner.class.getClassLoader();
            Class<?> c = Class.forName(className, false, cl);
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return java.nio.file.Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? p : null;
        } catch (ClassNotFoundException | LinkageError | java.net.URISyntaxException | SecurityException
                 | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private void decide(Path jar, Path targetDir, String driverClass, Set<String> oldLibNames, boolean dropins) {
        String name = jar.getFileName().toString();
        Path target = targetDir.resolve(name);
        String src = oldDisplay.apply(jar);
        JarInfo info = JarInfo.read(jar);
        if (!info.readable()) {
            undecided(src, info.problem(), target);
            return;
        }
        if (CopyFileAction.identical(jar, target)) {
            plan.note(newDisplay.apply(target) + " is already identical to " + src + ": skipped");
            return;
        }
        List<JarInfo> conflicts = newIndex().sameArtifactIn(info, targetDir).stream()
                .filter(j -> !j.file().getFileName().toString().equals(name)).toList();
        if (!conflicts.isEmpty()) {
            String others = conflicts.stream().map(j -> newDisplay.apply(j.file())).collect(Collectors.joining(", "));
            plan.warning("Version conflict: " + src + " is the same artifact as " + others + ": not copied");
            plan.manual("Keep one version of " + info.describe() + " in " + newDisplay.apply(targetDir),
                    others, "remove the version you do not want, or copy " + jar + " by hand and remove " + others);
            return;
        }
        if (matches(context.request().resources() == null ? null : context.request().resources().customJars(), name)) {
            copy(jar, target, "listed in customJars");
            return;
        }
        if (driverClass != null) {
            copy(jar, target, "JDBC driver " + driverClass + " of a datasource in use");
            return;
        }
        if (matches(context.request().resources() == null ? null : context.request().resources().stockJars(), name)) {
            plan.note(src + " is listed in stockJars (part of the product): not copied");
            return;
        }
        if (isMigrationClient(info)) {
            plan.note(src + " is a WSO2 migration client left from an earlier upgrade: not copied (migrate-identity and migrate-apim"
                    + " install the clients this upgrade needs and remove them afterwards)");
            return;
        }
        if (dropins && generatedFromLib(info, oldLibNames)) {
            plan.note(src + " was generated by Carbon from a jar in components/lib (" + String.join(", ", info.bundleClassPath())
                    + "): not copied, the new home generates its own");
            return;
        }
        // a same-named file in the target directory is an earlier copy, replaced with a backup, not the product's
        List<JarInfo> shipped = newIndex().sameArtifact(info).stream()
                .filter(j -> !j.file().toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())).toList();
        if (!shipped.isEmpty()) {
            plan.note(src + " is part of the product: the new home ships the same artifact as "
                    + newDisplay.apply(shipped.get(0).file()) + ": not copied");
            return;
        }
        List<JarInfo> oldProduct = oldPlugins().sameArtifact(info);
        if (!oldProduct.isEmpty()) {
            undecided(src, "it is the same artifact as the old product bundle " + oldDisplay.apply(oldProduct.get(0).file())
                    + " (a patch or an override of it?), which the new home does not ship", target);
            return;
        }
        copy(jar, target, "added by the user: the new home has no jar of the same artifact (" + info.describe() + ")");
    }

    private void copy(Path jar, Path target, String reason) {
        CopyFileAction.unlessIdentical(jar, target, oldDisplay.apply(jar), newDisplay.apply(target), reason)
                .ifPresent(plan::action);
    }

    private void undecided(String src, String why, Path target) {
        plan.warning("Cannot decide whether " + src + " was added by the user: " + why + ". Not copied");
        plan.manual("Decide whether " + src + " must be carried over", src,
                "list its file name in customJars (copy it) or stockJars (leave it), or copy it to " + target.getParent() + " by hand");
    }

    // org.wso2.carbon.apimgt.migrate.client, org.wso2.carbon.is.migration, ... (names of WSO2's migration clients)
    private static boolean isMigrationClient(JarInfo info) {
        String bsn = info.symbolicName() == null ? "" : info.symbolicName().toLowerCase(java.util.Locale.ROOT);
        String name = info.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return bsn.startsWith("org.wso2.carbon.apimgt.migrat") || bsn.startsWith("org.wso2.carbon.is.migrat")
                || name.startsWith("org.wso2.carbon.apimgt.migrat") || name.startsWith("org.wso2.carbon.is.migrat");
    }

    private static boolean generatedFromLib(JarInfo info, Set<String> oldLibNames) {
        return info.bundleClassPath().stream().map(e -> Path.of(e).getFileName().toString()).anyMatch(oldLibNames::contains);
    }

    private static boolean matches(List<String> globs, String fileName) {
        if (globs == null) {
            return false;
        }
        for (String glob : globs) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(Path.of(fileName))) {
                return true;
            }
        }
        return false;
    }

    private JarIndex newIndex() {
        if (newIndex == null) {
            Installation h = context.newHome();
            newIndex = JarIndex.of(List.of(h.components().resolve("plugins"), h.components().resolve("lib"),
                    h.components().resolve("dropins"), h.home().resolve("lib")));
        }
        return newIndex;
    }

    private JarIndex oldPlugins() {
        if (oldPlugins == null) {
            oldPlugins = JarIndex.of(List.of(context.oldHome().components().resolve("plugins")));
        }
        return oldPlugins;
    }
}
