#!/usr/bin/env bash
# Start a real single-node Apache Kafka (KRaft, combined broker+controller) on 127.0.0.1:$KAFKA_PORT (PLAINTEXT),
# with SASL_PLAINTEXT on $KAFKA_SASL_PORT and SASL_SSL (self-signed certificate) on $KAFKA_SSL_PORT for the
# security tests: SASL PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 with one fixed local test user (pushpull /
# pushpull-test-secret; for local tests only, never for a broker anyone else can reach).
# Needs only Java 17+ and Maven. Idempotent: returns at once when the broker is already up and answering.
# Returns only once the broker serves clients (topics listed through the bootstrap server).
# See infra/kafka/README.md for the environment variables and file locations.
set -euo pipefail

KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_SASL_PORT="${KAFKA_SASL_PORT:-$((KAFKA_PORT + 2))}"
KAFKA_SSL_PORT="${KAFKA_SSL_PORT:-$((KAFKA_PORT + 3))}"
# The local test login of the SASL listeners (PLAIN and SCRAM); not a secret: a fixed test value.
KAFKA_TEST_USER="${KAFKA_TEST_USER:-pushpull}"
KAFKA_TEST_PASSWORD="${KAFKA_TEST_PASSWORD:-pushpull-test-secret}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
# base64url of the 16 bytes "pushpull-cluster": a fixed, valid KRaft cluster id.
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-cHVzaHB1bGwtY2x1c3Rlcg}"
# Logging binding for the broker's slf4j 1.7 API (log4j-core itself comes with kafka-server).
LOG4J_VERSION="${KAFKA_LOG4J_VERSION:-2.24.3}"

CACHE="${PUSHPULL_CACHE:-$HOME/.cache/pushpull}"
HOME_DIR="$CACHE/kafka-$KAFKA_VERSION"
LIBS="$HOME_DIR/libs"
DATA_DIR="${KAFKA_DATA_DIR:-$HOME_DIR/data-$KAFKA_PORT}"
LOG_DIR="$HOME_DIR/logs-$KAFKA_PORT"
CONF_DIR="$HOME_DIR/conf-$KAFKA_PORT"
TLS_DIR="$CONF_DIR/tls"
# Marks a data dir whose metadata holds the SCRAM credentials of $KAFKA_TEST_USER.
SCRAM_MARK="$DATA_DIR/.pushpull-scram-$KAFKA_TEST_USER"
PID_FILE="$CACHE/kafka-$KAFKA_PORT.pid"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

T0=$(date +%s)
say() { echo "[kafka] $*"; }
elapsed() { echo $(($(date +%s) - T0)); }

command -v java >/dev/null || { say "java not found (need Java 17+)"; exit 1; }

# One start at a time per port (parallel test set-ups may call this together).
mkdir -p "$CACHE"
exec 9>"$CACHE/kafka-$KAFKA_PORT.lock"
flock -w 300 9 || { say "another start.sh for port $KAFKA_PORT holds $CACHE/kafka-$KAFKA_PORT.lock"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Real readiness: the topic tool must list topics through the bootstrap server (needs a live broker
# that has caught up with the KRaft metadata log), not just an open port.
answers() {
  [[ -f "$LIBS/.complete" ]] || return 1
  port_open "$KAFKA_PORT" || return 1
  timeout 30 java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.properties" \
    -cp "$LIBS/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$BOOTSTRAP" --list \
    --command-config "$CONF_DIR/tools.properties" >/dev/null 2>&1
}

# The SCRAM credentials of the test user, for a data dir formatted before start.sh added them at format
# time: set once through the PLAINTEXT listener (kafka-configs), then remembered by a mark in the data dir.
ensure_scram_user() {
  [[ -f "$SCRAM_MARK" ]] && return 0
  say "adding the SCRAM-SHA-256/512 test user $KAFKA_TEST_USER"
  local mechanism
  : >"$LOG_DIR/scram.log"
  # one mechanism per request: the broker refuses two changes of one user's credentials in a request
  for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
    timeout 60 java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.properties" \
      -cp "$LIBS/*" kafka.admin.ConfigCommand --bootstrap-server "$BOOTSTRAP" \
      --command-config "$CONF_DIR/tools.properties" --alter --entity-type users --entity-name "$KAFKA_TEST_USER" \
      --add-config "$mechanism=[password=$KAFKA_TEST_PASSWORD]" >>"$LOG_DIR/scram.log" 2>&1 || {
      say "could not add the $mechanism test user (SASL PLAIN still works):"
      tail -n 20 "$LOG_DIR/scram.log"
      return 0
    }
  done
  touch "$SCRAM_MARK"
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# --- 1. resolve the broker's jars into the cache (once per version) ---------------------------
if [[ ! -f "$LIBS/.complete" ]]; then
  command -v mvn >/dev/null || { say "mvn not found (need Maven to fetch Kafka)"; exit 1; }
  say "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION with Maven into $LIBS"
  mkdir -p "$HOME_DIR"
  rm -rf "$LIBS"
  cat >"$HOME_DIR/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>pushpull.infra</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  mvn -q -B -Dstyle.color=never -f "$HOME_DIR/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS" \
    || { say "Maven could not resolve Kafka $KAFKA_VERSION (see output above)"; exit 1; }
  touch "$LIBS/.complete"
  say "resolved $(find "$LIBS" -name '*.jar' | wc -l) jars in $(elapsed) s"
fi

# --- 2. configuration (rewritten every start; cheap and keeps env overrides effective) ---------
mkdir -p "$CONF_DIR" "$LOG_DIR"
# A self-signed certificate for 127.0.0.1/localhost (once per port): the SASL_SSL listener's keystore, and
# its PEM ($TLS_DIR/ca.pem) for clients' KAFKA_SSL_CA_FILE.
TLS_STOREPASS=pushpull-test
if [[ ! -s "$TLS_DIR/ca.pem" || ! -s "$TLS_DIR/broker.p12" ]]; then
  mkdir -p "$TLS_DIR"
  rm -f "$TLS_DIR/broker.p12" "$TLS_DIR/ca.pem"
  keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 \
    -dname "CN=localhost, O=pushpull local test broker" -ext "SAN=ip:127.0.0.1,dns:localhost" \
    -storetype PKCS12 -keystore "$TLS_DIR/broker.p12" -storepass "$TLS_STOREPASS" -keypass "$TLS_STOREPASS" \
    >"$TLS_DIR/keytool.log" 2>&1 &&
    keytool -exportcert -rfc -alias broker -keystore "$TLS_DIR/broker.p12" -storepass "$TLS_STOREPASS" \
      -file "$TLS_DIR/ca.pem" >>"$TLS_DIR/keytool.log" 2>&1 || {
    say "keytool could not make the test certificate:"
    cat "$TLS_DIR/keytool.log"
    exit 1
  }
fi
# A stable path for tests (KAFKA_SSL_CA_FILE of the SASL_SSL listener), whatever the Kafka version.
cp "$TLS_DIR/ca.pem" "$CACHE/kafka-$KAFKA_PORT-ca.pem"
JAAS_PLAIN="org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKA_TEST_USER=\"$KAFKA_TEST_PASSWORD\";"
JAAS_SCRAM="org.apache.kafka.common.security.scram.ScramLoginModule required;"
cat >"$CONF_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT,SASL_SSL://127.0.0.1:$KAFKA_SSL_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT,SASL_SSL://127.0.0.1:$KAFKA_SSL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT
# SASL for the security tests (local test login $KAFKA_TEST_USER; no authorizer: a login may do anything)
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=$JAAS_PLAIN
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=$JAAS_SCRAM
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$JAAS_SCRAM
listener.name.sasl_ssl.plain.sasl.jaas.config=$JAAS_PLAIN
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=$JAAS_SCRAM
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$JAAS_SCRAM
ssl.keystore.type=PKCS12
ssl.keystore.location=$TLS_DIR/broker.p12
ssl.keystore.password=$TLS_STOREPASS
ssl.key.password=$TLS_STOREPASS
log.dirs=$DATA_DIR
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# pushpull's consumers ask for 3 s sessions (a member killed with -9 is replaced within 3 s); stock brokers
# refuse under 6 s and the bus then falls back to 6 s
group.min.session.timeout.ms=1000
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.dedupe.buffer.size=16777216
log.retention.hours=168
EOF
cat >"$CONF_DIR/log4j2.properties" <<EOF
status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = $LOG_DIR/server.log
appender.file.filePattern = $LOG_DIR/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.state.name = state.change.logger
logger.state.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
EOF
cat >"$CONF_DIR/tools-log4j2.properties" <<EOF
status = error
rootLogger.level = off
EOF
cat >"$CONF_DIR/tools.properties" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF

# --- 3. already running? -----------------------------------------------------------------------
if pid=$(running_pid); then
  say "broker already running (pid $pid); checking it answers on $BOOTSTRAP"
  if answers; then
    if ! port_open "$KAFKA_SASL_PORT"; then
      say "NOTE: this broker was started before start.sh had SASL/TLS listeners (nothing on $KAFKA_SASL_PORT):"
      say "      restart it (infra/kafka/stop.sh && infra/kafka/start.sh) for the Kafka security tests"
    else
      ensure_scram_user
    fi
    say "ready on $BOOTSTRAP (already running) in $(elapsed) s"
    exit 0
  fi
  say "pid $pid is alive but not answering yet; waiting"
elif port_open "$KAFKA_PORT"; then
  if answers; then
    say "a Kafka broker not started by this script already answers on $BOOTSTRAP; using it"
    exit 0
  fi
  say "port $KAFKA_PORT is taken by something that is not a Kafka broker"
  exit 1
else
  rm -f "$PID_FILE"
  # --- 4. format storage once --------------------------------------------------------------------
  if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
    mkdir -p "$DATA_DIR"
    say "formatting KRaft storage in $DATA_DIR (cluster id $KAFKA_CLUSTER_ID)"
    java -Xmx256m -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.properties" \
      -cp "$LIBS/*" kafka.tools.StorageTool format \
      -t "$KAFKA_CLUSTER_ID" -c "$CONF_DIR/server.properties" --ignore-formatted \
      --add-scram "SCRAM-SHA-256=[name=$KAFKA_TEST_USER,password=$KAFKA_TEST_PASSWORD]" \
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_TEST_USER,password=$KAFKA_TEST_PASSWORD]" \
      >"$LOG_DIR/format.log" 2>&1 || {
      say "storage format failed:"
      tail -n 30 "$LOG_DIR/format.log"
      exit 1
    }
    touch "$SCRAM_MARK"
  fi
  # --- 5. start ------------------------------------------------------------------------------
  say "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (SASL $KAFKA_SASL_PORT, SASL_SSL $KAFKA_SSL_PORT, controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, heap $KAFKA_HEAP_OPTS)"
  # shellcheck disable=SC2086
  nohup setsid java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dkafka.logs.dir="$LOG_DIR" \
    -Dlog4j2.configurationFile="$CONF_DIR/log4j2.properties" \
    -cp "$LIBS/*" kafka.Kafka "$CONF_DIR/server.properties" \
    >"$LOG_DIR/stdout.log" 2>&1 </dev/null 9>&- &
  echo $! >"$PID_FILE"
  pid=$!
fi

# --- 6. wait until it serves clients -------------------------------------------------------------
deadline=$(($(date +%s) + KAFKA_START_TIMEOUT))
until port_open "$KAFKA_PORT" && answers; do
  if ! kill -0 "$pid" 2>/dev/null; then
    say "broker process $pid exited during start-up; last log lines:"
    tail -n 40 "$LOG_DIR/stdout.log" "$LOG_DIR/server.log" 2>/dev/null || true
    rm -f "$PID_FILE"
    exit 1
  fi
  if (($(date +%s) >= deadline)); then
    say "broker did not become ready within ${KAFKA_START_TIMEOUT}s; last log lines:"
    tail -n 40 "$LOG_DIR/stdout.log" "$LOG_DIR/server.log" 2>/dev/null || true
    say "pid $pid is left running: run start.sh again to keep waiting, or stop.sh"
    exit 1
  fi
  sleep 0.5
done
ensure_scram_user
say "ready on $BOOTSTRAP (pid $pid) in $(elapsed) s; SASL_PLAINTEXT on 127.0.0.1:$KAFKA_SASL_PORT, SASL_SSL on 127.0.0.1:$KAFKA_SSL_PORT (CA $CACHE/kafka-$KAFKA_PORT-ca.pem); logs: $LOG_DIR/server.log"
