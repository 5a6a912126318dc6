package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.legacy.UserMgtXml;
import io.github.apimupgrade.core.config.toml.DeploymentTomlKeys;
import io.github.apimupgrade.core.config.toml.TomlEditor;

import java.util.Map;
import java.util.Objects;

/**
 * user-mgt.xml: {@code [user_store] type} for the identity run (seed step 3.9: the old, non-unique-ID manager),
 * user store properties that differ from stock (all of them for LDAP/AD stores), the admin account and realm and
 * authorization-manager properties the user changed (config-mapping.md section 3).
 */
final class UserMgtMapping {
    private static final String CONFIG = "/UserManager/Realm/Configuration";

    private final Mapping m;
    private final UserMgtXml um;
    private final String userStoreTypeAfterIdentity;

    UserMgtMapping(Mapping m, UserMgtXml um, String userStoreTypeAfterIdentity) {
        this.m = m;
        this.um = um;
        this.userStoreTypeAfterIdentity = userStoreTypeAfterIdentity;
    }

    void run() {
        userStore();
        admin();
        Map<String, String> realm = um.realmProperties();
        realm.forEach((name, value) -> {
            if (!name.equals("dataSource") && !Objects.equals(Stock260.REALM_PROPERTIES.get(name), value)) {
                m.toml.set("realm_manager.properties", TomlEditor.quote(name), Mapping.typed(value));
            }
        });
        um.authorizationManagerClass().filter(c -> !c.equals(Stock260.AUTHORIZATION_MANAGER))
                .ifPresent(c -> m.toml.set("authorization_manager", "class", c));
        um.authorizationManagerProperties().forEach((name, value) -> {
            if (name.equals(DeploymentTomlKeys.GROUP_AND_ROLE_SEPARATION)) {
                return; // must stay false during the identity run; finalize turns it on (seed step 6)
            }
            if (!Objects.equals(Stock260.AUTHORIZATION_PROPERTIES.get(name), value)) {
                m.toml.set(DeploymentTomlKeys.AUTHORIZATION_MANAGER_PROPERTIES, TomlEditor.quote(name),
                        Mapping.typed(value));
            }
        });
    }

    private void userStore() {
        String cls = um.userStoreManagerClass().orElse(null);
        if (cls == null) {
            m.plan.warning("user-mgt.xml has no active UserStoreManager: [user_store] left as it is.");
            return;
        }
        String type = Stock260.USER_STORE_TYPES.get(cls);
        String where = um.where("/UserManager/Realm/UserStoreManager");
        if (type != null) {
            DeploymentTomlKeys.userStoreType(m.toml, type);
            m.plan.note("[user_store] type = \"" + type + "\" (the old " + cls.substring(cls.lastIndexOf('.') + 1)
                    + ") for the identity migration (seed step 3.9); it becomes \"" + userStoreTypeAfterIdentity
                    + "\" after it.");
        } else {
            m.toml.set(DeploymentTomlKeys.USER_STORE, "class", cls);
            m.plan.manual("Custom user store manager " + cls + ": copy its jar to repository/components/dropins or lib "
                    + "and check that it works with 4.1.0 (the identity migration expects a non-unique-ID manager)",
                    where, "[user_store] class = \"" + cls + "\" was written; review [user_store.properties]");
        }
        boolean jdbc = cls.equals(Stock260.JDBC_USER_STORE);
        Map<String, String> aliases = um.userStorePropertyAliases();
        um.userStoreProperties().forEach((name, value) -> {
            if (name.equals("dataSource")) {
                return; // the realm's data_source decides (4.1.0 JNDI names differ from 2.6.0's)
            }
            String key = TomlEditor.quote(name);
            if (aliases.containsKey(name)) {
                m.secretRef("user_store.properties", key, "user_store_" + snake(name), aliases.get(name),
                        um.whereUserStoreProperty(name));
            } else if (name.endsWith("Password") && !jdbc) {
                m.password("user_store.properties", key, value);
            } else if (!jdbc || !Objects.equals(Stock260.JDBC_USER_STORE_PROPERTIES.get(name), value)) {
                m.toml.set("user_store.properties", key, Mapping.typed(value));
            }
        });
    }

    private void admin() {
        um.addAdmin().filter(v -> !v.equals(Stock260.ADD_ADMIN))
                .ifPresent(v -> m.toml.set("super_admin", "create_admin_account", Boolean.parseBoolean(v)));
        um.adminRole().filter(v -> !v.equals(Stock260.ADMIN_ROLE))
                .ifPresent(v -> m.toml.set("super_admin", "admin_role", Mapping.xml(v)));
        um.adminUserName().filter(v -> !v.equals(Stock260.ADMIN_USER))
                .ifPresent(v -> m.toml.set("super_admin", "username", Mapping.xml(v)));
        um.adminPasswordAlias().ifPresent(a -> m.secretRef("super_admin", "password", "admin_password", a,
                um.where(CONFIG + "/AdminUser/Password")));
        um.adminPassword().filter(v -> !v.equals(Stock260.ADMIN_PASSWORD))
                .ifPresent(v -> m.password("super_admin", "password", v));
        um.adminPassword().filter(v -> v.equals(Stock260.ADMIN_PASSWORD))
                .ifPresent(v -> m.stockPasswords.add("the admin user's password (user-mgt.xml AdminUser)"));
        um.everyoneRoleName().filter(v -> !v.equals(Stock260.EVERYONE_ROLE))
                .ifPresent(v -> m.toml.set("everyone", "rolename", Mapping.xml(v)));
    }

    /** ConnectionPassword -> connection_password (TOML-friendly alias names, config-mapping.md section 7.3). */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
    }
}
