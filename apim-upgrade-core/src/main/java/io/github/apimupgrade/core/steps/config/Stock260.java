package io.github.apimupgrade.core.steps.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stock API Manager 2.6.0 values, as data: the upgrade carries a setting to deployment.toml only when the old
 * installation changed it from these (WSO2: "redo the configuration changes"; several 4.1.0 defaults differ from
 * 2.6.0's, so copying stock 2.6.0 values over would break 4.1.0). The mapping column follows
 * ../shared/research/config-mapping.md sections 3-5. Values were written from the 2.6.0 sources by hand.
 */
final class Stock260 {
    /** The version these tables describe: a path's {@code stockDefaults} for an XML source must name it. */
    static final String VERSION = "2.6.0";

    private Stock260() {
    }

    /** How an XML text becomes a TOML value. */
    enum Kind {
        STRING, BOOLEAN, LONG,
        /** comma-separated text -> array of strings */
        LIST,
        /** boolean written negated (RemoveOAuthHeadersFromOutMessage -> enable_outbound_auth_header) */
        NEGATED_BOOLEAN
    }

    /**
     * One old element, its stock value, and its 4.1.0 key (table null: no automatic mapping).
     *
     * @param secret the value may be a password: never shown
     */
    record Setting(String path, String stock, String table, String key, Kind kind, boolean secret, String note) {
        boolean mapped() {
            return table != null;
        }
    }

    private static final String AM = "/APIManager/";
    private static final String SERVICES = "https://localhost:${mgt.transport.https.port}${carbon.context}services/";
    private static final String ADMIN = "${admin.username}";
    private static final String ADMIN_PW = "${admin.password}";

    /** api-manager.xml elements by absolute path. */
    static final Map<String, Setting> API_MANAGER = new LinkedHashMap<>();

    static {
        map("GatewayType", "Synapse", "apim", "gateway_type", Kind.STRING);
        map("EnableSecureVault", "false", "apim", "enable_secure_vault", Kind.BOOLEAN);

        unmapped("AuthManager/ServerURL", SERVICES, "4.1.0 has no AuthManager element");
        unmapped("AuthManager/Username", ADMIN, "4.1.0 has no AuthManager element");
        secretUnmapped("AuthManager/Password", ADMIN_PW, "4.1.0 has no AuthManager element");
        unmapped("AuthManager/CheckPermissionsRemotely", "false", "4.1.0 has no AuthManager element");

        map("JWTConfiguration/EnableJWTGeneration", "false", "apim.jwt", "enable", Kind.BOOLEAN);
        map("JWTConfiguration/JWTHeader", "X-JWT-Assertion", "apim.jwt", "header", Kind.STRING);
        map("JWTConfiguration/JWTGeneratorImpl", "org.wso2.carbon.apimgt.keymgt.token.JWTGenerator", "apim.jwt",
                "generator_impl", Kind.STRING);
        map("JWTConfiguration/ConsumerDialectURI", "http://wso2.org/claims", "apim.jwt", "claim_dialect", Kind.STRING);
        map("JWTConfiguration/SignatureAlgorithm", "SHA256withRSA", "apim.jwt", "signing_algorithm", Kind.STRING);
        map("JWTConfiguration/ClaimsRetrieverImplClass", "org.wso2.carbon.apimgt.impl.token.DefaultClaimsRetriever",
                "apim.jwt", "claims_extractor_impl", Kind.STRING);

        map("CacheConfigurations/EnableGatewayTokenCache", "true", "apim.cache.gateway_token", "enable", Kind.BOOLEAN);
        map("CacheConfigurations/EnableGatewayResourceCache", "true", "apim.cache.resource", "enable", Kind.BOOLEAN);
        map("CacheConfigurations/EnableKeyManagerTokenCache", "false", "apim.cache.km_token", "enable", Kind.BOOLEAN);
        map("CacheConfigurations/EnableRecentlyAddedAPICache", "false", "apim.cache.recent_apis", "enable", Kind.BOOLEAN);
        map("CacheConfigurations/EnableScopeCache", "true", "apim.cache.scopes", "enable", Kind.BOOLEAN);
        map("CacheConfigurations/EnablePublisherRoleCache", "true", "apim.cache.publisher_roles", "enable", Kind.BOOLEAN);
        map("CacheConfigurations/EnableJWTClaimCache", "true", "apim.cache.jwt_claim", "enable", Kind.BOOLEAN);
        map("CacheConfigurations/JWTClaimCacheExpiry", "900", "apim.cache.jwt_claim", "expiry_time", Kind.LONG);
        map("CacheConfigurations/TokenCacheExpiry", "900", "apim.cache", "token_expiry_time", Kind.LONG);
        map("CacheConfigurations/TagCacheDuration", "120000", "apim.cache.tags", "expiry_time", Kind.LONG);

        map("APIKeyValidator/ServerURL", SERVICES, "apim.key_manager", "service_url", Kind.STRING);
        map("APIKeyValidator/Username", ADMIN, "apim.key_manager", "username", Kind.STRING);
        secret("APIKeyValidator/Password", ADMIN_PW, "apim.key_manager", "password");
        map("APIKeyValidator/KeyValidationHandlerClassName",
                "org.wso2.carbon.apimgt.keymgt.handlers.DefaultKeyValidationHandler", "apim.key_manager",
                "key_validation_handler_impl", Kind.STRING);
        String inMemory = "key validation is in-memory from 4.x (Thrift is gone)";
        unmapped("APIKeyValidator/KeyValidatorClientType", "ThriftClient", inMemory);
        unmapped("APIKeyValidator/ThriftClientConnectionTimeOut", "10000", inMemory);
        unmapped("APIKeyValidator/EnableThriftServer", "true", inMemory);
        unmapped("APIKeyValidator/ThriftServerHost", "localhost", inMemory);

        map("OAuthConfigurations/ApplicationTokenScope", "am_application_scope", "apim.oauth_config",
                "default_app_scope", Kind.STRING);
        map("OAuthConfigurations/TokenEndPointName", "/oauth2/token", "apim.oauth_config", "token_endpoint_context",
                Kind.STRING);
        map("OAuthConfigurations/RevokeAPIURL", "https://localhost:${https.nio.port}/revoke", "apim.oauth_config",
                "revoke_endpoint", Kind.STRING);
        map("OAuthConfigurations/EncryptPersistedTokens", "false", "apim.oauth_config", "enable_token_encryption",
                Kind.BOOLEAN);
        map("OAuthConfigurations/EnableTokenHashMode", "false", "apim.oauth_config", "enable_token_hashing",
                Kind.BOOLEAN);
        map("OAuthConfigurations/RemoveOAuthHeadersFromOutMessage", "true", "apim.oauth_config",
                "enable_outbound_auth_header", Kind.NEGATED_BOOLEAN);
        map("OAuthConfigurations/AuthorizationHeader", "Authorization", "apim.oauth_config", "auth_header", Kind.STRING);

        unmapped("TierManagement/EnableUnlimitedTier", "true", "hard-coded to true in 4.1.0");

        map("APIStore/CompareCaseInsensitively", "true", "apim.devportal", "login_username_case_insensitive",
                Kind.BOOLEAN);
        map("APIStore/DisplayURL", "false", "apim.devportal", "display_url", Kind.BOOLEAN);
        // the Store is the Developer Portal since 3.0.0: ApiManagerMapping turns a trailing /store into /devportal
        map("APIStore/URL", "https://localhost:${mgt.transport.https.port}/store", "apim.devportal", "url", Kind.STRING);
        unmapped("APIStore/ServerURL", SERVICES, "hard-coded in 4.1.0");
        unmapped("APIStore/Username", ADMIN, "hard-coded in 4.1.0");
        secretUnmapped("APIStore/Password", ADMIN_PW, "hard-coded in 4.1.0");
        map("APIStore/DisplayMultipleVersions", "false", "apim.devportal", "display_multiple_versions", Kind.BOOLEAN);
        map("APIStore/DisplayAllAPIs", "false", "apim.devportal", "display_deprecated_apis", Kind.BOOLEAN);
        map("APIStore/DisplayComments", "true", "apim.devportal", "enable_comments", Kind.BOOLEAN);
        map("APIStore/DisplayRatings", "true", "apim.devportal", "enable_ratings", Kind.BOOLEAN);
        map("APIStore/isStoreForumEnabled", "true", "apim.devportal", "enable_forum", Kind.BOOLEAN);
        map("APIStore/GroupingExtractor", "org.wso2.carbon.apimgt.impl.DefaultGroupIDExtractorImpl", "apim.devportal",
                "application_sharing_impl", Kind.STRING);

        map("APIPublisher/DisplayURL", "false", "apim.publisher", "display_url", Kind.BOOLEAN);
        unmapped("APIPublisher/URL", "https://localhost:${mgt.transport.https.port}/publisher", "hard-coded in 4.1.0");
        unmapped("APIPublisher/EnableAccessControl", "true", "hard-coded in 4.1.0");
        map("APIPublisher/EnableAPIDocVisibilityLevels", "false", "apim.publisher", "enable_api_doc_visibility",
                Kind.BOOLEAN);

        map("CORSConfiguration/Enabled", "true", "apim.cors", "enable", Kind.BOOLEAN);
        map("CORSConfiguration/Access-Control-Allow-Origin", "*", "apim.cors", "allow_origins", Kind.STRING);
        map("CORSConfiguration/Access-Control-Allow-Methods", "GET,PUT,POST,DELETE,PATCH,OPTIONS", "apim.cors",
                "allow_methods", Kind.LIST);
        map("CORSConfiguration/Access-Control-Allow-Headers",
                "authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction", "apim.cors", "allow_headers",
                Kind.LIST);
        map("CORSConfiguration/Access-Control-Allow-Credentials", "false", "apim.cors", "allow_credentials",
                Kind.BOOLEAN);

        String t = "ThrottlingConfigurations/";
        unmapped(t + "EnableAdvanceThrottling", "true", "not rendered by the 4.1.0 template");
        map(t + "TrafficManager/Type", "Binary", "apim.throttling", "event_type", Kind.STRING);
        map(t + "TrafficManager/ReceiverUrlGroup", "tcp://${carbon.local.ip}:${receiver.url.port}", "apim.throttling",
                "receiver_url", Kind.STRING);
        map(t + "TrafficManager/AuthUrlGroup", "ssl://${carbon.local.ip}:${auth.url.port}", "apim.throttling",
                "receiver_auth_url", Kind.STRING);
        map(t + "TrafficManager/Username", ADMIN, "apim.throttling", "username", Kind.STRING);
        secret(t + "TrafficManager/Password", ADMIN_PW, "apim.throttling", "password");
        map(t + "DataPublisher/Enabled", "true", "apim.throttling", "enable_data_publishing", Kind.BOOLEAN);
        map(t + "DataPublisher/DataPublisherPool/MaxIdle", "1000", "apim.throttling", "publisher.max_idle", Kind.LONG);
        map(t + "DataPublisher/DataPublisherPool/InitIdleCapacity", "200", "apim.throttling",
                "publisher.init_idle_size", Kind.LONG);
        map(t + "DataPublisher/DataPublisherThreadPool/CorePoolSize", "200", "apim.throttling", "publisher.pool_size",
                Kind.LONG);
        map(t + "DataPublisher/DataPublisherThreadPool/MaxmimumPoolSize", "1000", "apim.throttling",
                "publisher.max_pool_size", Kind.LONG);
        map(t + "DataPublisher/DataPublisherThreadPool/KeepAliveTime", "200", "apim.throttling",
                "publisher.keep_alive_time", Kind.LONG);
        map(t + "PolicyDeployer/Enabled", "true", "apim.throttling", "enable_policy_deploy", Kind.BOOLEAN);
        map(t + "PolicyDeployer/ServiceURL", SERVICES, "apim.throttling", "service_url", Kind.STRING);
        map(t + "PolicyDeployer/Username", ADMIN, "apim.throttling", "policy_deploy.username", Kind.STRING);
        secret(t + "PolicyDeployer/Password", ADMIN_PW, "apim.throttling", "policy_deploy.password");
        map(t + "BlockCondition/Enabled", "true", "apim.throttling", "enable_blacklist_condition", Kind.BOOLEAN);
        map(t + "JMSConnectionDetails/Enabled", "true", "apim.throttling", "enable_decision_connection", Kind.BOOLEAN);
        unmapped(t + "JMSConnectionDetails/Destination", "throttleData", "not rendered by the 4.1.0 template");
        String jms = t + "JMSConnectionDetails/JMSConnectionParameters/";
        map(jms + "transport.jms.ConnectionFactoryJNDIName", "TopicConnectionFactory", "apim.throttling.jms",
                "conn_jndi_name", Kind.STRING);
        map(jms + "transport.jms.DestinationType", "topic", "apim.throttling.jms", "destination_type", Kind.STRING);
        map(jms + "java.naming.factory.initial", "org.wso2.andes.jndi.PropertiesFileInitialContextFactory",
                "apim.throttling.jms", "java_naming_factory_initial", Kind.STRING);
        map(jms + "connectionfactory.TopicConnectionFactory",
                "amqp://${admin.username}:${admin.password}@clientid/carbon?brokerlist='tcp://${carbon.local.ip}:${jms.port}'",
                "apim.throttling.jms", "topic_connection_factory", Kind.STRING);
        map(t + "EnableUnlimitedTier", "true", "apim.throttling", "enable_unlimited_tier", Kind.BOOLEAN);
        map(t + "EnableHeaderConditions", "false", "apim.throttling", "enable_header_based_throttling", Kind.BOOLEAN);
        map(t + "EnableJWTClaimConditions", "false", "apim.throttling", "enable_jwt_claim_based_throttling",
                Kind.BOOLEAN);
        map(t + "EnableQueryParamConditions", "false", "apim.throttling", "enable_query_param_based_throttling",
                Kind.BOOLEAN);

        String w = "WorkflowConfigurations/";
        map(w + "Enabled", "false", "apim.workflow", "enable", Kind.BOOLEAN);
        map(w + "ServerUrl", "https://localhost:9445/bpmn", "apim.workflow", "service_url", Kind.STRING);
        map(w + "ServerUser", ADMIN, "apim.workflow", "wf_engine_user", Kind.STRING);
        secret(w + "ServerPassword", ADMIN_PW, "apim.workflow", "wf_engine_pass");
        map(w + "WorkflowCallbackAPI",
                "https://localhost:${mgt.transport.https.port}/api/am/publisher/v0.14/workflows/update-workflow-status",
                "apim.workflow", "callback_endpoint", Kind.STRING);
        map(w + "TokenEndPoint", "https://localhost:${https.nio.port}/token", "apim.workflow", "token_endpoint",
                Kind.STRING);
        map(w + "DCREndPoint", "https://localhost:${mgt.transport.https.port}/client-registration/v0.14/register",
                "apim.workflow", "client_registration_endpoint", Kind.STRING);
        map(w + "DCREndPointUser", ADMIN, "apim.workflow", "client_registration_username", Kind.STRING);
        secret(w + "DCREndPointPassword", ADMIN_PW, "apim.workflow", "client_registration_password");

        String sdk = "SwaggerCodegen/ClientGeneration/";
        map(sdk + "GroupId", "org.wso2", "apim.sdk", "group_id", Kind.STRING);
        map(sdk + "ArtifactId", "org.wso2.client.", "apim.sdk", "artifact_id", Kind.STRING);
        map(sdk + "ModelPackage", "org.wso2.client.model.", "apim.sdk", "model_package", Kind.STRING);
        map(sdk + "ApiPackage", "org.wso2.client.api.", "apim.sdk", "api_package", Kind.STRING);
        map(sdk + "SupportedLanguages", "java,android", "apim.sdk", "supported_languages", Kind.LIST);
    }

    /**
     * api-manager.xml elements the step handles elsewhere or deliberately skips (not reported as unmapped):
     * the datasource name (the apim_db role), the gateway environments, analytics (reported once), the REST API
     * URI lists (their 2.6.0 paths are obsolete).
     */
    static final List<String> API_MANAGER_HANDLED = List.of(AM + "DataSourceName", AM + "APIGateway/",
            AM + "Analytics/", AM + "RESTAPI/");

    /** OAuthConfigurations/ScopeWhitelist/Scope entries (commented out in stock; 4.1.0's default is the same). */
    static final List<String> SCOPE_WHITELIST = List.of("^device_.*", "openid");

    /** Stock 2.6.0 gateway environment (api-manager.xml). */
    static final String ENV_NAME = "Production and Sandbox";
    static final String ENV_TYPE = "hybrid";
    static final String ENV_API_CONSOLE = "true";
    static final String ENV_DESCRIPTION =
            "This is a hybrid gateway that handles both production and sandbox token traffic.";
    static final String ENV_SERVER_URL = SERVICES;
    static final String ENV_USERNAME = ADMIN;
    static final String ENV_PASSWORD = ADMIN_PW;
    static final String ENV_HTTP = "http://${carbon.local.ip}:${http.nio.port}";
    static final String ENV_HTTPS = "https://${carbon.local.ip}:${https.nio.port}";
    static final String ENV_WS = "ws://${carbon.local.ip}:9099";

    /** carbon.xml. HostName and MgtHostName are commented out in stock (the server uses localhost). */
    static final String HOST_NAME = "localhost";
    static final String OFFSET = "0";
    static final String KEYSTORE_FILE = "wso2carbon.jks";
    static final String KEYSTORE_TYPE = "JKS";
    static final String KEYSTORE_PASSWORD = "wso2carbon";
    static final String KEYSTORE_ALIAS = "wso2carbon";
    static final String TRUSTSTORE_FILE = "client-truststore.jks";
    static final String TRUSTSTORE_PASSWORD = "wso2carbon";

    /** user-mgt.xml realm configuration. */
    static final String ADD_ADMIN = "true";
    static final String ADMIN_ROLE = "admin";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";
    static final String EVERYONE_ROLE = "everyone";
    /** Realm properties other than dataSource (the 2.6.0 build adds initializeNewClaimManager). */
    static final Map<String, String> REALM_PROPERTIES = Map.of(
            "isCascadeDeleteEnabled", "true", "initializeNewClaimManager", "true");
    static final String JDBC_USER_STORE = "org.wso2.carbon.user.core.jdbc.JDBCUserStoreManager";
    /** The stock JDBC user store manager's properties. */
    static final Map<String, String> JDBC_USER_STORE_PROPERTIES = jdbcUserStore();
    static final String AUTHORIZATION_MANAGER = "org.wso2.carbon.user.core.authorization.JDBCAuthorizationManager";
    static final Map<String, String> AUTHORIZATION_PROPERTIES = Map.of(
            "AdminRoleManagementPermissions", "/permission",
            "AuthorizationCacheEnabled", "true",
            "GetAllRolesOfUserEnabled", "false");

    /** registry.xml indexingConfiguration -> [indexing] key, with stock values. */
    static final Map<String, String[]> INDEXING = Map.of(
            "startIndexing", new String[] {"true", "enable"},
            "startingDelayInSeconds", new String[] {"35", "starting_delay"},
            "indexingFrequencyInSeconds", new String[] {"3", "frequency"},
            "batchSize", new String[] {"40", "bach_size"}, // sic: the 4.1.0 template's spelling
            "indexerPoolSize", new String[] {"40", "pool_size"});

    /** Old UserStoreManager classes and their 4.1.0 [user_store] type (the non-unique-ID ones the old data fits). */
    static final Map<String, String> USER_STORE_TYPES = Map.of(
            JDBC_USER_STORE, "database",
            "org.wso2.carbon.user.core.ldap.ReadOnlyLDAPUserStoreManager", "read_only_ldap",
            "org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager", "read_write_ldap",
            "org.wso2.carbon.user.core.ldap.ActiveDirectoryUserStoreManager", "active_directory");

    /** The 2.6.0 stock datasources that are not migrated (seed step 1; config-mapping.md section 1.2). */
    static final Set<String> NOT_MIGRATED = Set.of("WSO2_MB_STORE_DB", "WSO2_CARBON_DB");
    static final String STATS_DB = "WSO2AM_STATS_DB";

    static Optional<Setting> apiManager(String path) {
        return Optional.ofNullable(API_MANAGER.get(path));
    }

    static boolean apiManagerHandled(String path) {
        return API_MANAGER_HANDLED.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p));
    }

    private static Map<String, String> jdbcUserStore() {
        Map<String, String> m = new LinkedHashMap<>();
        String[] kv = {
            "TenantManager", "org.wso2.carbon.user.core.tenant.JDBCTenantManager",
            "ReadOnly", "false", "ReadGroups", "true", "WriteGroups", "true",
            "UsernameJavaRegEx", "^[\\S]{3,30}$", "UsernameJavaScriptRegEx", "^[\\S]{3,30}$",
            "UsernameJavaRegExViolationErrorMsg", "Username pattern policy violated",
            "PasswordJavaRegEx", "^[\\S]{5,30}$", "PasswordJavaScriptRegEx", "^[\\S]{5,30}$",
            "PasswordJavaRegExViolationErrorMsg", "Password length should be within 5 to 30 characters",
            "RolenameJavaRegEx", "^[\\S]{3,30}$", "RolenameJavaScriptRegEx", "^[\\S]{3,30}$",
            "CaseInsensitiveUsername", "true", "SCIMEnabled", "false", "IsBulkImportSupported", "true",
            "PasswordDigest", "SHA-256", "StoreSaltedPassword", "true", "MultiAttributeSeparator", ",",
            "MaxUserNameListLength", "100", "MaxRoleNameListLength", "100", "UserRolesCacheEnabled", "true",
            "UserNameUniqueAcrossTenants", "false"};
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void map(String path, String stock, String table, String key, Kind kind) {
        API_MANAGER.put(AM + path, new Setting(AM + path, stock, table, key, kind, false, null));
    }

    private static void secret(String path, String stock, String table, String key) {
        API_MANAGER.put(AM + path, new Setting(AM + path, stock, table, key, Kind.STRING, true, null));
    }

    private static void unmapped(String path, String stock, String note) {
        API_MANAGER.put(AM + path, new Setting(AM + path, stock, null, null, Kind.STRING, false, note));
    }

    private static void secretUnmapped(String path, String stock, String note) {
        API_MANAGER.put(AM + path, new Setting(AM + path, stock, null, null, Kind.STRING, true, note));
    }

    /** Splits a comma list, trimming entries. */
    static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
