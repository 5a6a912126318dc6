package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.xml.XmlDocument;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an API Manager home: its version, and which datasource plays which role. Roles are found by following
 * the installation's own references, never by a datasource's name:
 * <ul>
 *   <li>SHARED_DB: the database {@code /_system/governance} is mounted to in registry.xml, or the current
 *       {@code dbConfig}'s when governance is not mounted;</li>
 *   <li>CONFIG_DB: the database {@code /_system/config} is mounted to, when it differs from SHARED_DB's;</li>
 *   <li>USER_DB: user-mgt.xml's realm {@code dataSource}, when it differs from SHARED_DB's;</li>
 *   <li>APIM_DB: api-manager.xml's {@code DataSourceName};</li>
 * </ul>
 * each JNDI name resolved in {@code conf/datasources/*.xml}. 3.x homes are read from their deployment.toml.
 */
public final class InstallationReader {
    private static final Pattern VERSION_TXT = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)");

    private InstallationReader() {
    }

    /** Reads a home whose datasources matter (the old one); POM overrides are applied on top. */
    public static Installation readOld(Path home, String expectedVersion, List<DatasourceOverride> overrides) {
        return read(home, expectedVersion, overrides, false);
    }

    /**
     * Reads the old home of one node of a distributed deployment. On the node that runs the cluster's database
     * steps this is {@link #readOld}. On every other node the roles it plays with its own embedded H2 files (a
     * gateway's or traffic manager's local WSO2AM_DB, a registry on the local WSO2_CARBON_DB) are set apart as
     * {@link Installation#ownDatabases()} first: they are not migration databases, and the POM's
     * {@code <datasources>}, which describe the cluster's databases, do not apply to them.
     */
    public static Installation readNode(Path home, String expectedVersion, List<DatasourceOverride> overrides,
                                        boolean runsDatabaseSteps) {
        return read(home, expectedVersion, overrides, !runsDatabaseSteps);
    }

    private static Installation read(Path home, String expectedVersion, List<DatasourceOverride> overrides,
                                     boolean ownApart) {
        String version = version(home, expectedVersion, "apim.upgrade.oldHome", "apim.upgrade.fromVersion");
        boolean tomlEra = isTomlEra(home, version);
        List<Datasource> all;
        Map<DatasourceRole, Datasource> roles;
        if (tomlEra) {
            TomlRoles t = readTomlRoles(home);
            all = t.all;
            roles = t.roles;
        } else {
            all = readDatasourceFiles(home);
            roles = xmlRoles(home, all);
        }
        Map<DatasourceRole, Datasource> own = ownApart ? NodeDatabases.setApart(home, roles) : Map.of();
        applyOverrides(roles, all, overrides.stream()
                .filter(o -> DatasourceRole.fromParameterName(o.role()).map(r -> !own.containsKey(r)).orElse(true))
                .toList());
        return new Installation(home, version, tomlEra, List.copyOf(all), Map.copyOf(roles), Map.copyOf(own));
    }

    /** Reads the new home: version and era only (its datasources are what the upgrade writes). */
    public static Installation readNew(Path home, String expectedVersion) {
        String version = version(home, expectedVersion, "apim.upgrade.newHome", "apim.upgrade.toVersion");
        return new Installation(home, version, isTomlEra(home, version), List.of(), Map.of());
    }

    // ---------------------------------------------------------------- version

    static String version(Path home, String expected, String homeParam, String versionParam) {
        if (home == null || !Files.isDirectory(home)) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "API Manager home not found: " + home, homeParam,
                    "Set " + homeParam + " to the directory that contains bin/ and repository/.");
        }
        if (!Files.isDirectory(home.resolve("repository").resolve("conf"))) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, home + " is not an API Manager home (no repository/conf).",
                    homeParam, "Point " + homeParam + " at the unpacked product directory (the one containing bin/ and repository/).");
        }
        Optional<String> detected = detectVersion(home);
        if (detected.isEmpty()) {
            if (expected != null) {
                return expected;
            }
            throw UpgradeException.user(ErrorCode.VERSION_UNDETECTED,
                    "Cannot tell the API Manager version of " + home + " (no bin/version.txt, no <Version> in repository/conf/carbon.xml).",
                    homeParam, "Set " + versionParam + " explicitly.");
        }
        if (expected != null && !expected.equals(detected.get())) {
            throw UpgradeException.user(ErrorCode.VERSION_MISMATCH,
                    home + " is API Manager " + detected.get() + ", but " + versionParam + " says " + expected + ".",
                    versionParam, "Remove " + versionParam + " to use the detected version, or point " + homeParam + " at the right home.");
        }
        return detected.get();
    }

    /** bin/version.txt ("WSO2 API Manager v2.6.0"), else carbon.xml's Server/Version. */
    public static Optional<String> detectVersion(Path home) {
        Path versionTxt = home.resolve("bin").resolve("version.txt");
        if (Files.isRegularFile(versionTxt)) {
            try {
                Matcher m = VERSION_TXT.matcher(Files.readString(versionTxt, StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            } catch (IOException e) {
                // fall through to carbon.xml
            }
        }
        Path carbon = home.resolve("repository").resolve("conf").resolve("carbon.xml");
        if (Files.isRegularFile(carbon)) {
            return XmlDocument.parse(carbon).text("/Server/Version").filter(v -> v.matches("\\d+\\.\\d+\\.\\d+"));
        }
        return Optional.empty();
    }

    private static boolean isTomlEra(Path home, String version) {
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        return major >= 3 && Files.isRegularFile(home.resolve("repository").resolve("conf").resolve("deployment.toml"));
    }

    // ---------------------------------------------------------------- XML era

    /** Every RDBMS datasource declared in repository/conf/datasources/*.xml, in file order. */
    static List<Datasource> readDatasourceFiles(Path home) {
        Path dir = home.resolve("repository").resolve("conf").resolve("datasources");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + dir, dir.toString(), null, e);
            }
        }
        files.sort((a, b) -> {
            // master-datasources.xml first: it is the one the others are usually compared against
            boolean am = a.getFileName().toString().equals("master-datasources.xml");
            boolean bm = b.getFileName().toString().equals("master-datasources.xml");
            return am == bm ? a.compareTo(b) : (am ? -1 : 1);
        });
        List<Datasource> out = new ArrayList<>();
        for (Path f : files) {
            XmlDocument doc = XmlDocument.parse(f);
            for (Element ds : doc.elements("//datasources/datasource")) {
                Optional<Element> cfg = doc.element(ds, "definition[@type='RDBMS']/configuration");
                if (cfg.isEmpty()) {
                    continue;
                }
                Element c = cfg.get();
                String name = doc.text(ds, "name").orElse("");
                String jndi = doc.text(ds, "jndiConfig/name").orElse(null);
                Element pw = doc.element(c, "password").orElse(null);
                String alias = pw == null ? null : emptyToNull(pw.getAttribute("svns:secretAlias"));
                String password = pw == null ? "" : XmlDocument.textOf(pw);
                Map<String, String> pool = new LinkedHashMap<>();
                for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element el) {
                        String tag = el.getTagName();
                        if (!List.of("url", "username", "password", "driverClassName", "validationQuery").contains(tag)
                                && el.getElementsByTagName("*").getLength() == 0) {
                            pool.put(tag, XmlDocument.textOf(el));
                        }
                    }
                }
                out.add(new Datasource(name, jndi, h2AgainstHome(doc.text(c, "url").orElse(null), home),
                        doc.text(c, "username").orElse(null),
                        Secret.of(alias == null ? password : ""), alias, doc.text(c, "driverClassName").orElse(null),
                        doc.text(c, "validationQuery").orElse(null), pool, doc.where(ds)));
            }
        }
        return out;
    }

    private static Map<DatasourceRole, Datasource> xmlRoles(Path home, List<Datasource> all) {
        Path conf = home.resolve("repository").resolve("conf");
        Map<DatasourceRole, Datasource> roles = new EnumMap<>(DatasourceRole.class);

        Path registryXml = conf.resolve("registry.xml");
        if (Files.isRegularFile(registryXml)) {
            XmlDocument reg = XmlDocument.parse(registryXml);
            Optional<Element> current = reg.element("/wso2registry/currentDBConfig");
            Datasource currentDb = current.map(e -> dbConfigDatasource(reg, XmlDocument.textOf(e), e, all)).orElse(null);
            Datasource governance = mountDatasource(reg, "/_system/governance", all).orElse(currentDb);
            if (governance != null) {
                roles.put(DatasourceRole.SHARED_DB, governance);
            }
            mountDatasource(reg, "/_system/config", all)
                    .filter(cfg -> governance == null || !cfg.sameDatabaseAs(governance))
                    .ifPresent(cfg -> roles.put(DatasourceRole.CONFIG_DB, cfg));
        }

        Path userMgt = conf.resolve("user-mgt.xml");
        if (Files.isRegularFile(userMgt)) {
            XmlDocument um = XmlDocument.parse(userMgt);
            um.element("/UserManager/Realm/Configuration/Property[@name='dataSource']").ifPresent(p -> {
                Datasource user = byJndi(all, XmlDocument.textOf(p), um.where(p));
                if (!user.sameDatabaseAs(roles.get(DatasourceRole.SHARED_DB))) {
                    roles.put(DatasourceRole.USER_DB, user);
                }
            });
        }

        Path apiManager = conf.resolve("api-manager.xml");
        if (Files.isRegularFile(apiManager)) {
            XmlDocument am = XmlDocument.parse(apiManager);
            am.element("/APIManager/DataSourceName")
                    .ifPresent(e -> roles.put(DatasourceRole.APIM_DB, byJndi(all, XmlDocument.textOf(e), am.where(e))));
        }
        return roles;
    }

    private static Datasource dbConfigDatasource(XmlDocument reg, String dbConfigName, Node referrer, List<Datasource> all) {
        Element dbConfig = reg.element("/wso2registry/dbConfig[@name='" + dbConfigName + "']").orElseThrow(() ->
                UpgradeException.user(ErrorCode.DATASOURCE_MISSING, "registry.xml refers to dbConfig '" + dbConfigName
                        + "', which it does not define.", reg.where(referrer), "Add the dbConfig or fix the reference."));
        Element ds = reg.element(dbConfig, "dataSource").orElseThrow(() -> UpgradeException.user(
                ErrorCode.DATASOURCE_MISSING, "dbConfig '" + dbConfigName + "' has no dataSource.", reg.where(dbConfig),
                "Add <dataSource>jdbc/...</dataSource> to it."));
        return byJndi(all, XmlDocument.textOf(ds), reg.where(ds));
    }

    private static Optional<Datasource> mountDatasource(XmlDocument reg, String path, List<Datasource> all) {
        Optional<Element> mount = reg.element("/wso2registry/mount[@path='" + path + "']");
        if (mount.isEmpty()) {
            return Optional.empty();
        }
        String instanceId = reg.text(mount.get(), "instanceId").orElse("");
        Element instance = reg.element("/wso2registry/remoteInstance[id='" + instanceId + "']").orElseThrow(() ->
                UpgradeException.user(ErrorCode.DATASOURCE_MISSING, "registry.xml mounts " + path + " on instance '"
                        + instanceId + "', which no remoteInstance defines.", reg.where(mount.get()),
                        "Add the remoteInstance or fix the mount's instanceId."));
        String dbConfig = reg.text(instance, "dbConfig").orElse("");
        return Optional.of(dbConfigDatasource(reg, dbConfig, instance, all));
    }

    private static Datasource byJndi(List<Datasource> all, String jndi, String referrer) {
        return all.stream().filter(d -> jndi.equals(d.jndiName())).findFirst().orElseThrow(() ->
                UpgradeException.user(ErrorCode.DATASOURCE_MISSING, "The datasource with JNDI name '" + jndi
                                + "' (referenced at " + referrer + ") is not declared in repository/conf/datasources/*.xml.",
                        referrer, "Declare it in master-datasources.xml, or fix the reference."));
    }

    // ---------------------------------------------------------------- TOML era (3.x)

    private record TomlRoles(List<Datasource> all, Map<DatasourceRole, Datasource> roles) {
    }

    private static TomlRoles readTomlRoles(Path home) {
        Path toml = home.resolve("repository").resolve("conf").resolve("deployment.toml");
        TomlParseResult t;
        try {
            t = Toml.parse(toml);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + toml, toml.toString(), null, e);
        }
        if (t.hasErrors()) {
            var err = t.errors().get(0);
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Malformed TOML in " + toml + " at line "
                    + err.position().line() + ": " + err.getMessage(), toml + ":" + err.position().line(),
                    "Fix the TOML at that line.");
        }
        Map<DatasourceRole, Datasource> roles = new EnumMap<>(DatasourceRole.class);
        List<Datasource> all = new ArrayList<>();
        Map<String, DatasourceRole> tables = Map.of("apim_db", DatasourceRole.APIM_DB, "shared_db", DatasourceRole.SHARED_DB,
                "user", DatasourceRole.USER_DB, "config", DatasourceRole.CONFIG_DB);
        Map<String, String> names = Map.of("apim_db", "WSO2AM_DB", "shared_db", "WSO2_SHARED_DB", "user", "WSO2USER_DB",
                "config", "WSO2CONFIG_DB");
        Map<String, String> defaults = Map.of("apim_db", "WSO2AM_DB", "shared_db", "WSO2SHARED_DB");
        for (String table : List.of("apim_db", "shared_db", "user", "config")) {
            TomlTable db = t.getTable("database." + table);
            Datasource ds;
            if (db != null) {
                Map<String, String> pool = new LinkedHashMap<>();
                TomlTable po = db.getTable("pool_options");
                if (po != null) {
                    po.keySet().forEach(k -> pool.put(k, String.valueOf(po.get(k))));
                }
                String pw = db.getString("password");
                String alias = pw != null && pw.startsWith("$secret{") ? pw.substring(8, pw.length() - 1) : null;
                // 3.x renders the TOML into XML without escaping, so its URLs are written XML-escaped (&amp;): the
                // driver needs them decoded; the new TOML gets them escaped again (prepare-config's Mapping.xml)
                String url = h2AgainstHome(xmlUnescape(db.getString("url")), home);
                ds = new Datasource(names.get(table), "jdbc/" + names.get(table), url, db.getString("username"),
                        Secret.of(alias == null ? pw : ""), alias, db.getString("driver"), db.getString("validationQuery"),
                        pool, toml + ":" + db.inputPositionOf("type"));
            } else if (defaults.containsKey(table)) {
                // 3.x defaults: embedded H2 files in repository/database (refused by the H2 preflight unless allowed)
                String url = "jdbc:h2:" + home.resolve("repository").resolve("database").resolve(defaults.get(table))
                        .toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
                ds = new Datasource(names.get(table), "jdbc/" + names.get(table), url, "wso2carbon", Secret.of("wso2carbon"),
                        null, "org.h2.Driver", "SELECT 1", Map.of(), toml + " (default)");
            } else {
                continue;
            }
            all.add(ds);
            if (table.equals("user")) {
                String rm = t.getString("realm_manager.data_source");
                if (rm == null || !rm.equals("WSO2USER_DB")) {
                    continue;
                }
            }
            roles.put(tables.get(table), ds);
        }
        roles.computeIfPresent(DatasourceRole.USER_DB, (r, d) -> d.sameDatabaseAs(roles.get(DatasourceRole.SHARED_DB)) ? null : d);
        roles.computeIfPresent(DatasourceRole.CONFIG_DB, (r, d) -> d.sameDatabaseAs(roles.get(DatasourceRole.SHARED_DB)) ? null : d);
        return new TomlRoles(all, roles);
    }

    // ---------------------------------------------------------------- overrides

    private static void applyOverrides(Map<DatasourceRole, Datasource> roles, List<Datasource> all,
                                       List<DatasourceOverride> overrides) {
        for (DatasourceOverride o : overrides) {
            DatasourceRole role = DatasourceRole.fromParameterName(o.role()).orElseThrow(() -> UpgradeException.user(
                    ErrorCode.DATASOURCE_MISSING, "Unknown datasource role '" + o.role() + "'.",
                    "<datasources><datasource><role>", "Use one of apimDb, sharedDb, userDb, configDb, analyticsDb."));
            Datasource base = roles.get(role);
            if (o.datasourceName() != null) {
                base = all.stream().filter(d -> o.datasourceName().equals(d.name())).findFirst().orElseThrow(() ->
                        UpgradeException.user(ErrorCode.DATASOURCE_MISSING, "No datasource named '" + o.datasourceName()
                                + "' in the old home.", "<datasource><role>" + o.role() + "</role><name>",
                                "Use one of: " + all.stream().map(Datasource::name).toList()));
            }
            if (base == null && o.url() == null) {
                throw UpgradeException.user(ErrorCode.DATASOURCE_MISSING, "The old home has no datasource for "
                        + role.tomlName() + " and the POM gives no URL for it.", "<datasource><role>" + o.role() + "</role>",
                        "Add <url> (and <username>, <serverId>) to that datasource entry.");
            }
            Datasource merged = new Datasource(
                    base != null ? base.name() : role.name(),
                    base != null ? base.jndiName() : null,
                    o.url() != null ? o.url() : base.url(),
                    o.username() != null ? o.username() : (base == null ? null : base.username()),
                    o.password() != null && !o.password().isEmpty() ? o.password() : (base == null ? Secret.empty() : base.password()),
                    o.password() != null && !o.password().isEmpty() ? null : (base == null ? null : base.secretAlias()),
                    // a new URL may be another database type: the old driver class and validation query no longer apply
                    o.driver() != null ? o.driver() : (base == null || o.url() != null ? null : base.driverClassName()),
                    base == null || o.url() != null ? null : base.validationQuery(),
                    base == null ? Map.of() : base.poolOptions(),
                    "POM <datasource> " + o.role());
            roles.put(role, merged);
        }
    }

    private static final Pattern XML_ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);");
    private static final Pattern H2_FILE = Pattern.compile("(?i)^jdbc:h2:(file:)?(?!mem:|tcp:|ssl:|zip:|nio|split:|async:|~)(.*)$");

    /** Decodes the XML entities of a value written for a 3.x template ({@code &amp;} -> {@code &}). */
    static String xmlUnescape(String value) {
        if (value == null || value.indexOf('&') < 0) {
            return value;
        }
        return XML_ENTITY.matcher(value).replaceAll(m -> Matcher.quoteReplacement(switch (m.group(1)) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> new String(Character.toChars(m.group(1).startsWith("#x")
                    ? Integer.parseInt(m.group(1).substring(2), 16) : Integer.parseInt(m.group(1).substring(1))));
        }));
    }

    /**
     * An embedded H2 file URL with a relative path ({@code jdbc:h2:repository/database/WSO2AM_DB}, as WSO2 ships it)
     * made absolute against the home: wso2server.sh changes to {@code $CARBON_HOME} before it starts the JVM, so H2
     * resolves such a path against the home, never against Maven's working directory. {@code ${carbon.home}} is
     * replaced too. Server ({@code tcp:}), in-memory and {@code ~} URLs are left as they are.
     */
    static String h2AgainstHome(String url, Path home) {
        if (url == null) {
            return null;
        }
        String u = url.replace("${carbon.home}", home.toAbsolutePath().normalize().toString());
        Matcher m = H2_FILE.matcher(u);
        if (!m.matches()) {
            return u;
        }
        String rest = m.group(2);
        int semi = rest.indexOf(';');
        String file = semi < 0 ? rest : rest.substring(0, semi);
        String options = semi < 0 ? "" : rest.substring(semi);
        if (file.isEmpty() || Path.of(file).isAbsolute() || file.startsWith("/") || file.matches("(?i)[a-z]:[\\\\/].*")) {
            return u;
        }
        String abs = home.toAbsolutePath().normalize().resolve(file).normalize().toString();
        return "jdbc:h2:" + (m.group(1) == null ? "" : m.group(1)) + abs + options;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
