# flink-cluster: a Flink 2.2 standalone session cluster without flink-dist: one JobManager and one TaskManager
# (two slots), each its own JVM, both pids recorded.
#   lib/       local-services/flink-cluster/target/lib (dependency:copy-dependencies of that module), linked into
#              $STATE/flink-cluster/lib at each start so that a `mvn clean` cannot pull jars from under the cluster
#   conf/      local-services/flink-cluster/conf/ is a template; the effective files go to $STATE/flink-cluster/conf
#   uploads    $STATE/flink-cluster/upload, working files $STATE/flink-cluster/tmp (both emptied at each start)
#   plugins    $STATE/flink-cluster/plugins (FLINK_PLUGINS_DIR; empty unless a plugin is put there)
# REST 127.0.0.1:18081; JobManager RPC 16123, blob 16124; TaskManager RPC 16122, data 16125.

FLINK_CLUSTER_MODULE="local-services/flink-cluster"
FLINK_CLUSTER_REST_PORT=18081
# JobManager RPC and blob server, TaskManager RPC and data: fixed in conf/config.yaml
FLINK_CLUSTER_OTHER_PORTS="16123 16124 16122 16125"

flink_cluster_lib() { echo "$ROOT/$FLINK_CLUSTER_MODULE/target/lib"; }
flink_cluster_run_lib() { echo "$(service_dir flink-cluster)/lib"; }

flink_cluster_prepare() {
  local lib stamp
  lib="$(flink_cluster_lib)"
  stamp="$lib/.complete"
  # The stamp, not the directory's mtime: an interrupted copy must not pass for a finished one.
  if [ ! -f "$stamp" ] || [ "$ROOT/$FLINK_CLUSTER_MODULE/pom.xml" -nt "$stamp" ]; then
    echo "flink-cluster: fetching Flink's jars with Maven"
    rm -rf "$lib"
    maven -f "$FLINK_CLUSTER_MODULE/pom.xml" dependency:copy-dependencies -DoutputDirectory=target/lib || return 1
    touch "$stamp"
  fi

  local dir
  dir="$(service_dir flink-cluster)"
  # Uploaded jars and working files belong to one cluster run (prepare runs only while the cluster is down);
  # a test that died before deleting its jar would otherwise leave it listed under /jars for good.
  rm -rf "$dir/upload" "$dir/tmp"
  mkdir -p "$dir/conf" "$dir/upload" "$dir/tmp/web" "$dir/plugins" "$dir/logs"
  rm -rf "$(flink_cluster_run_lib)"
  # hard links: instant and no extra disk; a copy where the state lives on another file system
  cp -al "$lib" "$(flink_cluster_run_lib)" 2>/dev/null || { rm -rf "$(flink_cluster_run_lib)"; cp -a "$lib" "$(flink_cluster_run_lib)"; }
  sed "s#FLINK_STATE_DIR#$dir#g" "$ROOT/$FLINK_CLUSTER_MODULE/conf/config.yaml" > "$dir/conf/config.yaml"
  cp "$ROOT/$FLINK_CLUSTER_MODULE/conf/log4j.properties" "$dir/conf/log4j.properties"
}

# Prints the two lines flink-dist's jobmanager.sh / taskmanager.sh would get from BashJavaUtils for $1
# (GET_JM_RESOURCE_PARAMS or GET_TM_RESOURCE_PARAMS): the JVM memory flags, then the -D dynamic properties
# that pin the derived memory sizes.
flink_cluster_resource_params() {
  local dir
  dir="$(service_dir flink-cluster)"
  java -Xmx128m -cp "$(flink_cluster_run_lib)/*" -Dlog.file="$dir/logs/bash-java-utils-${1,,}.log" \
    -Dlog4j.configurationFile="file:$dir/conf/log4j.properties" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$dir/conf" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

flink_cluster_launch() {
  local dir lib opens jm tm port
  dir="$(service_dir flink-cluster)"
  lib="$(flink_cluster_run_lib)"
  for port in "$FLINK_CLUSTER_REST_PORT" $FLINK_CLUSTER_OTHER_PORTS; do
    if tcp_open 127.0.0.1 "$port"; then
      # another process (another checkout's services?) holds it: a second one would fail to bind, while the
      # readiness check answered by the other one could pass
      echo "flink-cluster: 127.0.0.1:$port is already taken by a process that scripts/services here did not start" >&2
      return 1
    fi
  done
  # env.java.opts.all, which flink-dist's scripts would read from the same file
  opens="$(sed -n 's/^ *all: *//p' "$dir/conf/config.yaml" | head -n 1)"

  # both computed before either process starts, so a failure leaves nothing half-started behind
  mapfile -t jm < <(flink_cluster_resource_params GET_JM_RESOURCE_PARAMS)
  mapfile -t tm < <(flink_cluster_resource_params GET_TM_RESOURCE_PARAMS)
  if [ "${#jm[@]}" -ne 2 ] || [ "${#tm[@]}" -ne 2 ]; then
    echo "flink-cluster: BashJavaUtils gave no memory settings; see $dir/logs/bash-java-utils-*.log" >&2
    return 1
  fi

  # shellcheck disable=SC2086 # the flag lists are meant to split into words
  spawn flink-cluster jobmanager "$dir/logs/jobmanager.out" \
    env FLINK_PLUGINS_DIR="$dir/plugins" java ${jm[0]} $opens -Dlog.file="$dir/logs/jobmanager.log" \
    -Dlog4j.configurationFile="file:$dir/conf/log4j.properties" -cp "$lib/*" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$dir/conf" --executionMode cluster ${jm[1]}

  # shellcheck disable=SC2086
  spawn flink-cluster taskmanager "$dir/logs/taskmanager.out" \
    env FLINK_PLUGINS_DIR="$dir/plugins" java ${tm[0]} $opens -Dlog.file="$dir/logs/taskmanager.log" \
    -Dlog4j.configurationFile="file:$dir/conf/log4j.properties" -cp "$lib/*" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$dir/conf" ${tm[1]}
}

# REST answers before any TaskManager has registered, and a job submitted then waits for slots: ready means
# a TaskManager is there with both its slots.
flink_cluster_ready() {
  local overview taskmanagers slots
  overview="$(curl -s -m 3 "http://127.0.0.1:$FLINK_CLUSTER_REST_PORT/overview" 2>/dev/null)" || return 1
  taskmanagers="$(sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p' <<<"$overview")"
  slots="$(sed -n 's/.*"slots-total":\([0-9]*\).*/\1/p' <<<"$overview")"
  [ "${taskmanagers:-0}" -ge 1 ] && [ "${slots:-0}" -ge 2 ]
}

flink_cluster_endpoint() { echo "http://127.0.0.1:$FLINK_CLUSTER_REST_PORT"; }
