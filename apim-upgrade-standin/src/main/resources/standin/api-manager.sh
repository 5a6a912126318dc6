#!/bin/sh
# Stand-in for WSO2's bin/api-manager.sh (and wso2server.sh). TEST CODE ONLY, never shipped.
# It writes wso2carbon.log in CARBON_LOGFILE's pattern (TID: [%tenantId] [%appName] [%d] %5p {%c} - %m%ex%n, 4.1.0's
# repository/conf/log4j2.properties), with the loggers and texts of the real sources named per line below, and
# reacts to the real flags. The scenario comes from $STANDIN_SCENARIO or the first line of <home>/standin-scenario:
#   success        migration (or plain start) succeeds, then "WSO2 Carbon started"
#   errors         migration ERROR lines, then WSO2's unconditional "Successfully completed ..." and "started"
#   pool           identity run: PoolExhaustedException before the first migration step, unless deployment.toml has
#                  [indexing] frequency = 10 (seed 000 step 3 troubleshooting)
#   pool-mid       the same after the first migration step started
#   hang           never starts; ignores SIGTERM (also in its child) so only a forcible kill stops it
#   crash          the JVM dies (-XX:+ExitOnOutOfMemoryError's console line, exit code 3)
#   invalid        pre-migration validation logs invalid OpenAPI definitions; the migration run itself succeeds
#   warn           pre-migration validation logs WARN findings ("... will be skipped at migration")
#   stopped        identity run: "Migration process was stopped." (the server still starts)
#   client-crash   an exception escapes the client: API-M "FrameworkEvent ERROR" with client frames; identity: the
#                  activate() of IdentityCoreServiceComponent throws; no "WSO2 Carbon started" ever
#   finalizer      the kernel's FATAL "Cannot activate StartupFinalizerServiceComponent" with client frames
#   disabled       identity run as with migrationEnable: "false" (also when migration-config.yaml says so)
#   nohop          API-M run as with a migrateFromVersion the client has no hop for (also for such a flag)
#   pattern-tenant the log pattern TID: [%tenantId] Tenant: [%tenantDomain] [%d] [%X{Correlation-ID}] : %appName : ...
#   pattern-short  the log pattern [%d] [%appName] %5p {%c} - %m%ex%n
#   pattern-console the console pattern [%d] %5p - %c{1} %m%n in the file: no {logger}, unreadable
#   slow-index     a plain start's registry indexer writes its Solr index for $STANDIN_INDEX_WRITES (default 12)
#                  rounds of 0.3 s after "started" (otherwise 2 rounds); the stop records "solr-files=<n>"
#   rotate         API-M run writing $STANDIN_ROTATIONS (default 5) rotated files of $STANDIN_ROTATE_LINES lines each,
#                  with an AMDBUtil ERROR in each rotated file, renamed as log4j2's RollingFile does
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

now() { date '+%Y-%m-%d %H:%M:%S,000'; }
log() { # level logger message...  (file: CARBON_LOGFILE's pattern; console: CARBON_CONSOLE's [%d] %5p - %c{1} %m%n)
  level=$1; logger=$2; shift 2
  d=$(now)
  case "$SCENARIO" in
    pattern-tenant) printf 'TID: [-1234] Tenant: [carbon.super] [%s] [5f1e8a1c-0c2b-4e2e-9d63-7a0c1d1f1a11] : apim : %5s {%s} - %s\n' "$d" "$level" "$logger" "$*" >> "$LOG" ;;
    pattern-short) printf '[%s] [] %5s {%s} - %s\n' "$d" "$level" "$logger" "$*" >> "$LOG" ;;
    pattern-console) printf '[%s] %5s - %s %s\n' "$d" "$level" "${logger##*.}" "$*" >> "$LOG" ;;
    *) printf 'TID: [-1234] [] [%s] %5s {%s} - %s\n' "$d" "$level" "$logger" "$*" >> "$LOG" ;;
  esac
  printf '[%s] %5s - %s %s\n' "$d" "$level" "${logger##*.}" "$*"
}
frames() { # stack frames of an exception (%ex): one per argument
  for f in "$@"; do printf '\tat %s\n' "$f" >> "$LOG"; done
}
started() { # carbon-kernel 4.6.x StartupFinalizerServiceComponent.printInfo
  log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "Server           :  WSO2 API Manager-4.1.0"
  log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "WSO2 Carbon started in 1 sec"
}
shutdown() { # carbon-kernel 4.6.x CarbonServerManager shutdown hook
  if [ -n "$INDEXER" ]; then
    kill "$INDEXER" 2>/dev/null
    echo "solr-files=$(ls "$HOME_DIR/solr/data/index" 2>/dev/null | wc -l | tr -d ' ')" >> "$HOME_DIR/standin-runs.log"
  fi
  log INFO org.wso2.carbon.core.init.CarbonServerManager "Shutdown hook triggered...."
  log INFO org.wso2.carbon.core.init.CarbonServerManager "Shutting down WSO2 API Manager..."
  [ -n "$STANDIN_STOP_DELAY" ] && sleep "$STANDIN_STOP_DELAY"
  log INFO org.wso2.carbon.core.init.CarbonServerManager "Shutting down OSGi framework..."
  log INFO org.wso2.carbon.core.init.CarbonServerManager "Shutdown complete"
  log INFO org.wso2.carbon.core.init.CarbonServerManager "Halting JVM"
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
yaml_value() { # top-level key of migration-config.yaml
  awk -v k="$1" '$1 == k":" {v=$2; gsub(/"/, "", v); print v; exit}' "$CONFIG"
}
yaml_steps() { # "<version> <name> <order>" per migratorConfig of migration-config.yaml
  awk '/^ *version:/ {v=$2; gsub(/"/, "", v)}
       /^ *- *name:|^ *name:/ {n=$NF; gsub(/"/, "", n)}
       /^ *order:/ {print v, n, $2}' "$CONFIG"
}
rotate() { # log4j2 RollingFile: the full file is renamed to filePattern wso2carbon-%d{MM-dd-yyyy}-%i.log, a new one begins
  ROTATED_N=$((ROTATED_N + 1))
  mv "$LOG" "$LOG_DIR/wso2carbon-$(date '+%m-%d-%Y')-$ROTATED_N.log"
}
filler() { # n INFO lines, fast (APIValidator.validateOpenAPIDefinition's success line, one per API)
  awk -v n="$1" -v d="$(now)" 'BEGIN { for (i = 0; i < n; i++) printf "TID: [-1234] [] [%s]  INFO {org.wso2.carbon.apimgt.migration.validator.validators.APIValidator} - Successfully validated open API definition of PizzaShackAPI%d version: 1.0.0 type: HTTP\n", d, i }' >> "$LOG"
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

# carbon-kernel 4.6.x CarbonCoreActivator / CarbonServerManager
log INFO org.wso2.carbon.core.internal.CarbonCoreActivator "Starting WSO2 Carbon..."
log INFO org.wso2.carbon.core.init.CarbonServerManager "Repository       : $HOME_DIR/repository/deployment/server/"
sleep 0.1
[ -n "$STANDIN_START_DELAY" ] && sleep "$STANDIN_START_DELAY"

case "$SCENARIO" in
  hang)
    while :; do sleep 0.2; done ;;
  crash)
    # HotSpot with -XX:+ExitOnOutOfMemoryError: one console line, exit code 3, nothing more in the log
    echo "Terminating due to java.lang.OutOfMemoryError: Java heap space"
    exit 3 ;;
esac

IS=org.wso2.carbon.is.migration
if [ "$IDENTITY" = true ]; then
  # carbon-identity-framework IdentityCoreServiceComponent.activate: without the client it waits for it
  if ! has_jar 'org.wso2.carbon.is.migration*.jar'; then
    log WARN org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent "Waiting for migration client."
    while :; do
      sleep 0.3
      log WARN org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "Waiting for required OSGi services: org.wso2.carbon.identity.core.util.IdentityCoreInitializedEvent"
    done
  fi
  CONFIG="$HOME_DIR/migration-resources/migration-config.yaml"
  if [ -f "$CONFIG" ]; then
    echo "identity-config $(grep -E '^(migrationEnable|currentVersion|migrateVersion):' "$CONFIG" | tr -d '"' | tr '\n' ' ')removed=$(grep -cE 'MigrationValidator|TenantPortalMigrator|EncryptionAdminFlowMigrator|EncryptionUserFlowMigrator' "$CONFIG" | sed 's/^0$/all/')" >> "$HOME_DIR/standin-runs.log"
  fi
  # logged before the client reads migration-config.yaml
  log INFO org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent "Executing Migration client : $IS.MigrationClientImpl"
  if [ "$SCENARIO" = "client-crash" ]; then
    # Equinox DS: IdentityCoreServiceComponent.activate threw (the client runs inside it: product-is#27128's frames)
    log ERROR org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent "bundle org.wso2.carbon.identity.core:5.20.447 (246)[org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent(120)] : The activate method has thrown an exception java.lang.NoSuchMethodError: 'java.lang.String org.wso2.carbon.identity.core.util.IdentityUtil.getProperty(java.lang.String, java.lang.String)'"
    frames "$IS.service.v5110.migrator.GroupsAndRolesMigrator.migrate(GroupsAndRolesMigrator.java:61)" \
      "$IS.VersionMigration.migrate(VersionMigration.java:45)" \
      "$IS.MigrationClientImpl.execute(MigrationClientImpl.java:87)" \
      "org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent.activate(IdentityCoreServiceComponent.java:156)"
    wait_for_stop
  fi
  ENABLED=false; CURRENT=""; TARGET=""
  if [ -f "$CONFIG" ]; then
    [ "$(yaml_value migrationEnable)" = "true" ] && ENABLED=true
    CURRENT=$(yaml_value currentVersion); TARGET=$(yaml_value migrateVersion)
  fi
  [ "$SCENARIO" = "disabled" ] && ENABLED=false
  # apim-identity-migration-resources 1.0.154: MigrationClientImpl returns silently unless migrationEnable is "true";
  # the version chain starts after currentVersion (an unknown one matches nothing: nothing runs)
  CHAIN="5.0.0 5.1.0 5.2.0 5.3.0 5.4.0 5.5.0 5.6.0 5.7.0 5.8.0 5.9.0 5.10.0 5.11.0 5.12.0"
  RUN=""
  if [ "$ENABLED" = true ]; then
    seen=false
    for v in $CHAIN; do
      [ "$seen" = true ] && RUN="$RUN $v"
      [ "$v" = "$CURRENT" ] && seen=true
      [ "$v" = "$TARGET" ] && [ "$seen" = true ] && break
    done
  fi
  if [ -n "$RUN" ]; then
    log INFO $IS.MigrationClientImpl "..........................................."
    log INFO $IS.MigrationClientImpl "Migration Versions List........................."
    prev=$CURRENT
    for v in $RUN; do log INFO $IS.MigrationClientImpl "$prev to $v"; prev=$v; done
    if [ "$SCENARIO" = "pool" ] && ! awk '/^\[/{t=$0} t=="[indexing]" && /^frequency *= *10/{f=1} END{exit !f}' "$TOML"; then
      # seed 000 step 3 troubleshooting: the registry indexer and the client share the pool
      log ERROR org.wso2.carbon.registry.core.dataaccess.TransactionManager " Failed to start new registry transaction. {org.wso2.carbon.registry.core.dataaccess.TransactionManager} org.apache.tomcat.jdbc.pool.PoolExhaustedException: [pool-30-thread-11] Timeout: Pool empty. Unable to fetch a connection in 60 seconds, none available[size:50; busy:50; idle:0; lastwait:60000"
      wait_for_stop
    fi
    prev=$CURRENT
    first=true
    for v in $RUN; do
      log INFO $IS.VersionMigration " WSO2 Product Migration Service Task : Start Version : $prev to $v"
      STEPS=$(yaml_steps | awk -v v="$v" '$1 == v {print $2 ":" $3}')
      for st in $STEPS; do
        log INFO $IS.VersionMigration " WSO2 Product Migration Service Task : Version : $v, Migration Step : ${st%%:*} of order : ${st#*:} is starting........................... "
      done
      if [ "$first" = true ] && [ -n "$STEPS" ]; then
        first=false
        [ -n "$STANDIN_MIGRATION_DELAY" ] && sleep "$STANDIN_MIGRATION_DELAY"
        if [ "$SCENARIO" = "pool-mid" ]; then
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
          # continueOnError: "true": the error is logged and the next step runs
          log ERROR $IS.service.SchemaMigrator "An error occurred while rolling back transactions. java.sql.SQLSyntaxErrorException: Table 'IDN_OAUTH2_SCOPE_BINDING' doesn't exist"
          frames "$IS.service.SchemaMigrator.migrate(SchemaMigrator.java:74)" "$IS.VersionMigration.migrate(VersionMigration.java:45)"
        fi
      fi
      prev=$v
    done
    log INFO $IS.MigrationClientImpl " WSO2 Product Migration Service Task : Execution was done through all the requested version list without having unexpected issues. There may be some steps that is not executed correctly but bypass that because of enabling 'continueOnError' property. Please see the above logs to more details."
    echo "identity-migrated" >> "$HOME_DIR/standin-runs.log"
  fi
fi

AM=org.wso2.carbon.apimgt.migration
if [ "$APIM" = true ] && { has_jar 'org.wso2.carbon.apimgt.migrate.client*.jar' || has_jar 'org.wso2.carbon.am.migration*.jar'; }; then
  # apim-migration-resources 4.1.0.30: APIMMigrationServiceComponent.activate, on every start
  log INFO $AM.client.internal.APIMMigrationServiceComponent "Activating ExtendedAPIMConfigService."
  log INFO $AM.client.internal.APIMMigrationServiceComponent "Activated ExtendedAPIMConfigService."
  if [ -n "$PRE" ]; then
    # validator/ValidationHandler.java and validator/validators/APIValidator.java
    log INFO $AM.validator.ValidationHandler "Running all validator steps........."
    log INFO $AM.validator.ValidationHandler "Starting apiDefinitionValidation for tenant -1234(carbon.super).........."
    if [ "$SCENARIO" = "invalid" ]; then
      log ERROR $AM.validator.validators.APIValidator "OpenAPI Definition for API {name: PizzaShackAPI, version: 1.0.0, provider: admin} is invalid. ErrorMessage: attribute paths is missing ErrorDescription: null"
      log ERROR $AM.validator.validators.APIValidator "OpenAPI Definition for API {name: Orders, version: 2.1.0, provider: alice@example.com} is invalid. ErrorMessage: attribute info.title is missing ErrorDescription: null"
      log ERROR $AM.validator.validators.APIValidator "Unable to find the API {name: Legacy, version: 0.9, provider: admin} in the database"
    fi
    log INFO $AM.validator.ValidationHandler "Successfully completed apiDefinitionValidation for tenant -1234(carbon.super).........."
    if [ "$SCENARIO" = "warn" ]; then
      log INFO $AM.validator.ValidationHandler "Starting apiDeployedGatewayTypeValidation for tenant -1234(carbon.super).........."
      log WARN $AM.validator.validators.APIValidator "No gateway environments are configured for API {name: Legacy, version: 0.9, provider: admin}. Hence revision deployment will be skipped at migration"
      log INFO $AM.validator.ValidationHandler "Successfully completed apiDeployedGatewayTypeValidation for tenant -1234(carbon.super).........."
    fi
  else
    # APIMMigrationClient.completedServerStartup: the hop chain V300Migration ... V410Migration from migrateFromVersion
    log INFO $AM.APIMMigrationClient "WSO2 API-M Migration Task : Starting API-M migration from $FROM to $FROM"
    HOPS=""
    case "$FROM" in
      2.6.0) HOPS="2.6.0:3.0.0:V300 3.0.0:3.1.0:V310 3.1.0:3.2.0:V320 3.2.0:4.0.0:V400 4.0.0:4.1.0:V410" ;;
      3.0.0) HOPS="3.0.0:3.1.0:V310 3.1.0:3.2.0:V320 3.2.0:4.0.0:V400 4.0.0:4.1.0:V410" ;;
      3.1.0) HOPS="3.1.0:3.2.0:V320 3.2.0:4.0.0:V400 4.0.0:4.1.0:V410" ;;
      3.2.0) HOPS="3.2.0:4.0.0:V400 4.0.0:4.1.0:V410" ;;
      4.0.0) HOPS="4.0.0:4.1.0:V410" ;;
    esac
    [ "$SCENARIO" = "nohop" ] && HOPS=""
    ROTATED_N=0
    for hop in $HOPS; do
      a=${hop%%:*}; rest=${hop#*:}; b=${rest%%:*}; cls=${rest#*:}
      log INFO $AM.APIMMigrationClient "WSO2 API-M Migration Task : -------------------------------------------------------------------------"
      log INFO $AM.migrator.client.${cls}Migration "Starting migration from $a to $b..."
      SCRIPT="$HOME_DIR/migration-resources/migration-scripts/pre-migration-scripts/migration-${a}_to_${b}/postgresql.sql"
      log INFO $AM.util.AMDBUtil "WSO2 API-M Migration Task : Executing SQL script at $SCRIPT"
      if [ "$SCENARIO" = "errors" ] && [ "$a" = "$FROM" ]; then
        log ERROR $AM.util.AMDBUtil "WSO2 API-M Migration Task : Error occurred while migrating databases java.sql.SQLSyntaxErrorException: Duplicate column name 'API_TYPE'"
        frames "$AM.util.AMDBUtil.runSQLScript(AMDBUtil.java:141)" "$AM.migrator.commonMigrators.PreDBScriptMigrator.run(PreDBScriptMigrator.java:48)"
        log ERROR $AM.APIMMigrationClient "WSO2 API-M Migration Task : API Migration exception occurred while migrating"
      fi
      if [ "$SCENARIO" = "client-crash" ] && [ "$cls" = "V400" ]; then
        # wso2/api-manager#995: a client built for another pack; Equinox logs the escaped error (console: "ERROR - Framework")
        log ERROR Framework "FrameworkEvent ERROR java.lang.NoSuchMethodError: 'void org.wso2.carbon.apimgt.api.model.APIProductIdentifier.setUUID(java.lang.String)'"
        frames "$AM.migrator.v400.V400RegistryResourceMigrator.addAPIProductRevision(V400RegistryResourceMigrator.java:700)" \
          "$AM.migrator.client.V400Migration.migrate(V400Migration.java:64)" \
          "$AM.APIMMigrationClient.executeMigration(APIMMigrationClient.java:85)" \
          "$AM.APIMMigrationClient.completedServerStartup(APIMMigrationClient.java:62)" \
          "org.wso2.carbon.core.internal.CarbonCoreServiceComponent.notifyAfter(CarbonCoreServiceComponent.java:248)"
        wait_for_stop
      fi
      if [ "$SCENARIO" = "finalizer" ] && [ "$cls" = "V400" ]; then
        log FATAL org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "Cannot activate StartupFinalizerServiceComponent java.lang.NoClassDefFoundError: org/wso2/carbon/apimgt/impl/dao/constants/SQLConstants"
        frames "$AM.migrator.v400.V400DBDataMigrator.migrate(V400DBDataMigrator.java:93)" \
          "$AM.APIMMigrationClient.completedServerStartup(APIMMigrationClient.java:62)" \
          "org.wso2.carbon.core.internal.StartupFinalizerServiceComponent.completeInitialization(StartupFinalizerServiceComponent.java:216)"
        wait_for_stop
      fi
      if [ "$SCENARIO" = "rotate" ]; then
        i=0
        while [ $i -lt "${STANDIN_ROTATIONS:-5}" ]; do
          filler "${STANDIN_ROTATE_LINES:-2000}"
          log ERROR $AM.util.AMDBUtil "WSO2 API-M Migration Task : Error occurred while migrating databases java.sql.SQLException: rotated file $((i + 1))"
          filler 10
          rotate
          i=$((i + 1))
        done
        SCENARIO=success-after-rotate
      fi
      log INFO $AM.util.AMDBUtil "WSO2 API-M Migration Task : Successfully executed script at $SCRIPT"
      log INFO $AM.migrator.client.${cls}Migration "Completed migration from $a to $b..."
    done
    # migrator/commonMigrators/ArtifactReIndexingMigrator: always, after the chain
    log INFO $AM.migrator.commonMigrators.ArtifactReIndexingMigrator "Artifact re-indexing migrator started"
    log INFO $AM.migrator.commonMigrators.ArtifactReIndexingMigrator "Artifact re-indexing migrator completed"
    log INFO $AM.APIMMigrationClient "WSO2 API-M Migration Task : Successfully completed API-M migration from $FROM to ${TO:-null}"
    echo "apim-migrated from=$FROM to=$TO hops=$(echo $HOPS | wc -w)" >> "$HOME_DIR/standin-runs.log"
  fi
fi

if [ "$MODE" = start ] && [ -d "$HOME_DIR/solr" ]; then
  echo "solr-present" >> "$HOME_DIR/standin-runs.log"
fi
if [ "$MODE" = start ] && has_jar 'tenantloader*.jar'; then
  echo "tenantloader-present" >> "$HOME_DIR/standin-runs.log"
fi

started
if [ "$MODE" = start ]; then
  # the registry indexer runs in the background after the start and writes its Solr index under <home>/solr
  ROUNDS=2
  [ "$SCENARIO" = "slow-index" ] && ROUNDS=${STANDIN_INDEX_WRITES:-12}
  mkdir -p "$HOME_DIR/solr/data/index"
  ( i=0; while [ $i -lt "$ROUNDS" ]; do i=$((i + 1)); echo "segment $i" > "$HOME_DIR/solr/data/index/_$i.cfs"; sleep 0.3; done ) &
  INDEXER=$!
fi
wait_for_stop
