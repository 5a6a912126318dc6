package io.github.apimupgrade.core.steps.path31;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.jar.Manifest;

/**
 * Turns a plain JDBC driver jar into the OSGi bundle API-M Analytics loads from its {@code lib} directory, as
 * WSO2's {@code bin/jartobundle.sh} does: every package exported, {@code DynamicImport-Package: *} and no static
 * imports, so the driver resolves whatever it loads reflectively. bnd (bndlib) writes the manifest; the output is
 * reproducible (no build timestamps), so a second run can tell an up-to-date bundle by its hash.
 */
public final class OsgiBundleWrapper {
    /** jartobundle.sh names every bundle's version 1.0.0. */
    public static final String VERSION = "1.0.0";

    /**
     * A wrapped jar.
     *
     * @param fileName     the bundle's file name in lib (jartobundle.sh style: {@code name_version_1.0.0.jar})
     * @param symbolicName Bundle-SymbolicName
     * @param bytes        the bundle
     * @param manifest     its manifest
     */
    public record Bundle(String fileName, String symbolicName, byte[] bytes, Manifest manifest) {
    }

    private OsgiBundleWrapper() {
    }

    /** The symbolic name for a jar file name: {@code postgresql-42.7.4.jar} -> {@code postgresql_42.7.4}. */
    public static String symbolicName(String jarFileName) {
        String base = jarFileName.toLowerCase(Locale.ROOT).endsWith(".jar")
                ? jarFileName.substring(0, jarFileName.length() - 4) : jarFileName;
        return base.replaceAll("[^A-Za-z0-9._]", "_");
    }

    public static Bundle wrap(Path jarFile) {
        String bsn = symbolicName(jarFile.getFileName().toString());
        try (Jar jar = new Jar(jarFile.toFile()); Analyzer analyzer = new Analyzer()) {
            jar.setReproducible("true");
            // Start from an empty manifest, like jartobundle.sh: a driver that ships its own OSGi headers (with
            // static imports the Analytics runtime may not satisfy) is normalised to the same shape as any other.
            jar.setManifest(new Manifest());
            analyzer.setJar(jar);
            TreeSet<String> packages = new TreeSet<>();
            jar.getDirectories().forEach((dir, resources) -> {
                if (resources != null && resources.keySet().stream().anyMatch(r -> r.endsWith(".class"))
                        && !dir.startsWith("META-INF")) {
                    packages.add(dir.replace('/', '.'));
                }
            });
            if (packages.isEmpty()) {
                throw new IllegalArgumentException("it contains no classes");
            }
            analyzer.setProperty(Constants.BUNDLE_SYMBOLICNAME, bsn);
            analyzer.setProperty(Constants.BUNDLE_NAME, bsn);
            analyzer.setProperty(Constants.BUNDLE_VERSION, VERSION);
            analyzer.setProperty(Constants.EXPORT_PACKAGE, String.join(",", packages));
            analyzer.setProperty(Constants.IMPORT_PACKAGE, "");
            analyzer.setProperty(Constants.DYNAMICIMPORT_PACKAGE, "*");
            analyzer.setProperty(Constants.NOEXTRAHEADERS, "true");
            analyzer.setProperty(Constants.REPRODUCIBLE, "true");
            Manifest manifest = analyzer.calcManifest();
            if (!analyzer.getErrors().isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", analyzer.getErrors()));
            }
            jar.setManifest(manifest);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            jar.write(out);
            return new Bundle(bsn + "_" + VERSION + ".jar", bsn, out.toByteArray(), manifest);
        } catch (UpgradeException e) {
            throw e;
        } catch (Exception e) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                    "Cannot turn " + jarFile + " into an OSGi bundle: " + e.getMessage(), jarFile.toString(),
                    "Check that it is the JDBC driver jar, or convert it with <ANALYTICS_HOME>/bin/jartobundle.sh "
                            + jarFile + " <ANALYTICS_HOME>/lib.", e);
        }
    }
}
