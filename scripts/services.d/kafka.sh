# kafka: a single-node KRaft broker (broker and controller in one JVM) run from Maven Central jars.
#   classpath  local-services/kafka-broker/target/lib (dependency:copy-dependencies of that module), linked into
#              $STATE/kafka/lib at each start so that a `mvn clean` cannot pull jars from under a running broker
#   config     local-services/kafka-broker/config/, copied to $STATE/kafka/config with log.dirs added
#   data       $STATE/kafka/data, formatted once; kept across restarts
# Broker 127.0.0.1:19092, controller 127.0.0.1:19094.

KAFKA_MODULE="local-services/kafka-broker"
KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19094

kafka_lib() { echo "$ROOT/$KAFKA_MODULE/target/lib"; }
kafka_run_lib() { echo "$(service_dir kafka)/lib"; }

kafka_prepare() {
  local lib stamp
  lib="$(kafka_lib)"
  stamp="$lib/.complete"
  # The stamp, not the directory's mtime: an interrupted copy must not pass for a finished one.
  if [ ! -f "$stamp" ] || [ "$ROOT/$KAFKA_MODULE/pom.xml" -nt "$stamp" ]; then
    echo "kafka: fetching the broker's jars with Maven"
    rm -rf "$lib"
    maven -f "$KAFKA_MODULE/pom.xml" dependency:copy-dependencies -DoutputDirectory=target/lib || return 1
    touch "$stamp"
  fi

  local dir
  dir="$(service_dir kafka)"
  mkdir -p "$dir/config" "$dir/data" "$dir/logs"
  rm -rf "$(kafka_run_lib)"
  # hard links: instant and no extra disk; a copy where the state lives on another file system
  cp -al "$lib" "$(kafka_run_lib)" 2>/dev/null || { rm -rf "$(kafka_run_lib)"; cp -a "$lib" "$(kafka_run_lib)"; }
  { cat "$ROOT/$KAFKA_MODULE/config/server.properties"; echo "log.dirs=$dir/data"; } > "$dir/config/server.properties"

  if [ ! -f "$dir/data/meta.properties" ]; then
    [ -s "$dir/cluster.id" ] || kafka_tool kafka.tools.StorageTool random-uuid > "$dir/cluster.id" || return 1
    echo "kafka: formatting $dir/data (cluster id $(cat "$dir/cluster.id"))"
    kafka_tool kafka.tools.StorageTool format -t "$(cat "$dir/cluster.id")" -c "$dir/config/server.properties" \
      > "$dir/logs/format.log" || { cat "$dir/logs/format.log" >&2; return 1; }
  fi
}

# Runs a one-shot Kafka class (a tool) on the broker's classpath.
kafka_tool() {
  java -Xmx256m -Dlog4j2.configurationFile="$ROOT/$KAFKA_MODULE/config/tools-log4j2.properties" \
    -cp "$(kafka_run_lib)/*" "$@"
}

kafka_launch() {
  local dir port
  dir="$(service_dir kafka)"
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if tcp_open 127.0.0.1 "$port"; then
      # another process (another checkout's services?) holds it: a second one would fail to bind, while the
      # readiness check answered by the other one could pass
      echo "kafka: 127.0.0.1:$port is already taken by a process that scripts/services here did not start" >&2
      return 1
    fi
  done
  # ready is read from this run's log: a previous run's "started" line must not count
  rm -f "$dir/logs/server.log"
  spawn kafka broker "$dir/logs/kafka.out" \
    java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$ROOT/$KAFKA_MODULE/config/log4j2.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$(kafka_run_lib)/*" kafka.Kafka "$dir/config/server.properties"
}

# The broker logs "Kafka Server started" only once it is unfenced and has published its first metadata:
# from then on a producer can create a topic and write to it. The port alone opens earlier than that.
kafka_ready() {
  tcp_open 127.0.0.1 "$KAFKA_PORT" \
    && grep -q 'Kafka Server started' "$(service_dir kafka)/logs/server.log" 2>/dev/null
}

kafka_endpoint() { echo "127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)"; }
