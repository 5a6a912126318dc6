#!/bin/sh
# Stand-in for WSO2's bin/api-manager.sh (and wso2server.sh). TEST CODE ONLY, never shipped.
# It writes wso2carbon.log lines in the real format and reacts to the real flags, following a scenario read
# from $STANDIN_SCENARIO or the first line of <home>/standin-scenario:
#   success   migration (or plain start) succeeds, then "WSO2 Carbon started"
#   errors    migration ERROR lines, then WSO2's unconditional "Successfully completed ..." and "started"
#   pool      identity run: the PoolExhaustedException line, unless deployment.toml has [indexing] frequency = 10
#   hang      never starts; ignores SIGTERM (also in its child) so only a forcible kill stops it
#   crash     exits 1 in the middle of the run
#   invalid   pre-migration validation logs invalid OpenAPI definitions; the migration run itself succeeds
#   stopped   identity run: "Migration process was stopped." (the server still starts)
# Like the real server, an identity run without the identity client jar in dropins waits for it forever
# ("Waiting for migration client."), and API-M migration flags do nothing without the API-M client jar.
# Each run appends "<mode> flags=<args> user_store=<type>" to <home>/standin-runs.log so tests can assert it.
# Slow phases for the signal tests (seconds, from the environment): STANDIN_START_DELAY after "Starting WSO2
# Carbon...", STANDIN_MIGRATION_DELAY after the identity migration step started, STANDIN_STOP_DELAY in the shutdown.

BIN_DIR=$(cd "$(dirname "$0")" && pwd)
HOME_DIR=$(dirname "$BIN_DIR")
LOG_DIR="$HOME_DIR/repository/logs"
LOG="$LOG_DIR/wso2carbon.log"
DROPINS="$HOME_DIR/repository/components/dropins"
TOML="$HOME_DIR/repository/conf/deployment.toml"

if [ "$1" = "stop" ]; then
  [ -f "$HOME_DIR/wso2carbon.pid" ] && kill -TERM "$(cat "$HOME_DIR/wso2carbon.pid")" 2>/dev/null
  exit 0
fi

SCENARIO="${STANDIN_SCENARIO:-}"
if [ -z "$SCENARIO" ] && [ -f "$HOME_DIR/standin-scenario" ]; then
  SCENARIO=$(head -n 1 "$HOME_DIR/standin-scenario" | tr -d '[:space:]')
fi
SCENARIO="${SCENARIO:-success}"

MIGRATE=false; COMPONENT=""; FROM=""; TO=""; PRE=""
for arg in "$@"; do
  case "$arg" in
    -Dmigrate|-Dmigrate=true) MIGRATE=true ;;
    -Dcomponent=*) COMPONENT="${arg#-Dcomponent=}" ;;
    -DmigrateFromVersion=*) FROM="${arg#-DmigrateFromVersion=}" ;;
    -DmigratedVersion=*) TO="${arg#-DmigratedVersion=}" ;;
    -DrunPreMigration) PRE=all ;;
    -DrunPreMigration=*) PRE="${arg#-DrunPreMigration=}" ;;
  esac
done

mkdir -p "$LOG_DIR"
echo $$ > "$HOME_DIR/wso2carbon.pid"

log() { # level logger message...
  level=$1; logger=$2; shift 2
  printf 'TID: [-1234] [] [%s] %5s {%s} - %s\n' "$(date '+%Y-%m-%d %H:%M:%S,000')" "$level" "$logger" "$*" >> "$LOG"
  printf '[%s] %5s - %s %s\n' "$(date '+%Y-%m-%d %H:%M:%S,000')" "$level" "${logger##*.}" "$*"
}
started() {
  log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "Server           :  WSO2 API Manager-4.1.0"
  log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "WSO2 Carbon started in 1 sec"
}
shutdown() {
  log INFO org.wso2.carbon.core.ServerManagement "Shutting down WSO2 API Manager..."
  [ -n "$STANDIN_STOP_DELAY" ] && sleep "$STANDIN_STOP_DELAY"
  log INFO org.wso2.carbon.core.ServerManagement "Shutdown complete"
  log INFO org.wso2.carbon.core.ServerManagement "Halting JVM"
  rm -f "$HOME_DIR/wso2carbon.pid"
  exit 0
}
wait_for_stop() {
  while :; do sleep 0.2; done
}
user_store_type() {
  [ -f "$TOML" ] && awk '/^\[/{t=$0} t=="[user_store]" && /^type *=/{print $3; exit}' "$TOML" | tr -d '"'
}
has_jar() { # glob pattern in dropins
  for j in "$DROPINS"/$1; do [ -f "$j" ] && return 0; done
  return 1
}

if [ "$SCENARIO" = "hang" ]; then
  trap '' TERM
  sleep 1000 &
  echo $! > "$HOME_DIR/standin-child.pid"
else
  trap shutdown TERM INT
fi

IDENTITY=false; APIM=false
if [ "$MIGRATE" = true ] && [ "$COMPONENT" = "identity" ]; then IDENTITY=true; fi
if [ -n "$FROM" ] || [ -n "$PRE" ]; then APIM=true; fi
MODE=start
[ "$IDENTITY" = true ] && MODE=identity
[ "$APIM" = true ] && { if [ -n "$PRE" ]; then MODE=pre-validation; else MODE=apim; fi; }
echo "$MODE flags=$* user_store=$(user_store_type)" >> "$HOME_DIR/standin-runs.log"

log INFO org.wso2.carbon.core.internal.CarbonCoreActivator "Starting WSO2 Carbon..."
sleep 0.1
[ -n "$STANDIN_START_DELAY" ] && sleep "$STANDIN_START_DELAY"

case "$SCENARIO" in
  hang)
    while :; do sleep 0.2; done ;;
  crash)
    log INFO org.wso2.carbon.core.init.CarbonServerManager "Repository       : $HOME_DIR/repository/deployment/server/"
    log ERROR org.wso2.carbon.core.init.CarbonServerManager "Failed to initialize the server: java.lang.OutOfMemoryError: Java heap space"
    exit 1 ;;
esac

if [ "$IDENTITY" = true ]; then
  if ! has_jar 'org.wso2.carbon.is.migration*.jar'; then
    log WARN org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent "Waiting for migration client."
    while :; do
      sleep 0.3
      log WARN org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "Waiting for required OSGi services: org.wso2.carbon.identity.core.util.IdentityCoreInitializedEvent"
    done
  fi
  IS=org.wso2.carbon.is.migration
  CONFIG="$HOME_DIR/migration-resources/migration-config.yaml"
  if [ -f "$CONFIG" ]; then
    echo "identity-config $(grep -E '^(migrationEnable|currentVersion|migrateVersion):' "$CONFIG" | tr -d '"' | tr '\n' ' ')removed=$(grep -cE 'MigrationValidator|TenantPortalMigrator|EncryptionAdminFlowMigrator|EncryptionUserFlowMigrator' "$CONFIG" | sed 's/^0$/all/')" >> "$HOME_DIR/standin-runs.log"
  fi
  log INFO org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent "Executing Migration client : $IS.MigrationClientImpl"
  log INFO $IS.MigrationClientImpl "..........................................."
  log INFO $IS.MigrationClientImpl "Migration Versions List........................."
  log INFO $IS.VersionMigration " WSO2 Product Migration Service Task : Start Version : 5.7.0 to 5.8.0"
  log INFO $IS.VersionMigration " WSO2 Product Migration Service Task : Version : 5.8.0, Migration Step : SchemaMigrator of order : 1 is starting..........................."
  [ -n "$STANDIN_MIGRATION_DELAY" ] && sleep "$STANDIN_MIGRATION_DELAY"
  if [ "$SCENARIO" = "pool" ] && ! awk '/^\[/{t=$0} t=="[indexing]" && /^frequency *= *10/{f=1} END{exit !f}' "$TOML"; then
    log ERROR org.wso2.carbon.registry.core.dataaccess.TransactionManager " Failed to start new registry transaction. {org.wso2.carbon.registry.core.dataaccess.TransactionManager} org.apache.tomcat.jdbc.pool.PoolExhaustedException: [pool-30-thread-11] Timeout: Pool empty. Unable to fetch a connection in 60 seconds, none available[size:50; busy:50; idle:0; lastwait:60000"
    wait_for_stop
  fi
  if [ "$SCENARIO" = "stopped" ]; then
    log ERROR $IS.VersionMigration "Migrator class not exists for: GroupsAndRolesMigrator"
    log ERROR $IS.MigrationClientImpl "Migration process was stopped."
    started
    wait_for_stop
  fi
  if [ "$SCENARIO" = "errors" ]; then
    log ERROR $IS.service.SchemaMigrator " WSO2 Product Migration Service Task : Error while executing the migration script. Table 'IDN_OAUTH2_SCOPE_BINDING' does not exist"
  fi
  log INFO $IS.MigrationClientImpl " WSO2 Product Migration Service Task : Execution was done through all the requested version list without having unexpected issues. There may be some steps that is not executed correctly but bypass that because of enabling 'continueOnError' property. Please see the above logs to more details."
  echo "identity-migrated" >> "$HOME_DIR/standin-runs.log"
fi

if [ "$APIM" = true ] && { has_jar 'org.wso2.carbon.apimgt.migrate.client*.jar' || has_jar 'org.wso2.carbon.am.migration*.jar'; }; then
  AM=org.wso2.carbon.apimgt.migration
  log INFO $AM.client.internal.APIMMigrationServiceComponent "Activating ExtendedAPIMConfigService."
  log INFO $AM.client.internal.APIMMigrationServiceComponent "Activated ExtendedAPIMConfigService."
  if [ -n "$PRE" ]; then
    log INFO $AM.validator.ValidationHandler "Running all validator steps........."
    log INFO $AM.validator.ValidationHandler "Starting apiDefinitionValidation for tenant -1234(carbon.super).........."
    if [ "$SCENARIO" = "invalid" ]; then
      log ERROR $AM.validator.validators.V410Validator "OpenAPI Definition for API {name: PizzaShackAPI, version: 1.0.0, provider: admin} is invalid. ErrorMessage: attribute paths is missing"
      log ERROR $AM.validator.validators.V410Validator "OpenAPI Definition for API {name: Orders, version: 2.1.0, provider: alice@example.com} is invalid. ErrorMessage: attribute info.title is missing"
      log ERROR $AM.validator.validators.V410Validator "Unable to find the API {name: Legacy, version: 0.9, provider: admin} in the database"
    fi
    log INFO $AM.validator.ValidationHandler "Successfully completed apiDefinitionValidation for tenant -1234(carbon.super).........."
  else
    log INFO $AM.APIMMigrationClient "WSO2 API-M Migration Task : Starting API-M migration from $FROM to $FROM"
    log INFO $AM.migrator.PreDBScriptMigrator "WSO2 API-M Migration Task : Executing SQL script at $HOME_DIR/migration-resources/migration-scripts/pre-migration-scripts/migration-2.6.0_to_3.0.0/postgresql.sql"
    if [ "$SCENARIO" = "errors" ]; then
      log ERROR $AM.migrator.PreDBScriptMigrator "WSO2 API-M Migration Task : Error occurred while migrating databases"
      log ERROR $AM.APIMMigrationClient "WSO2 API-M Migration Task : API Migration exception occurred while migrating"
    fi
    log INFO $AM.migrator.PreDBScriptMigrator "WSO2 API-M Migration Task : Successfully executed script at $HOME_DIR/migration-resources/migration-scripts/pre-migration-scripts/migration-2.6.0_to_3.0.0/postgresql.sql"
    log INFO $AM.APIMMigrationClient "WSO2 API-M Migration Task : Successfully completed API-M migration from $FROM to ${TO:-null}"
    echo "apim-migrated from=$FROM to=$TO" >> "$HOME_DIR/standin-runs.log"
  fi
fi

if [ "$MODE" = start ] && [ -d "$HOME_DIR/solr" ]; then
  echo "solr-present" >> "$HOME_DIR/standin-runs.log"
fi
if [ "$MODE" = start ] && has_jar 'tenantloader*.jar'; then
  echo "tenantloader-present" >> "$HOME_DIR/standin-runs.log"
fi

started
wait_for_stop
