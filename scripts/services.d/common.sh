# Shared by scripts/services. Each service file NAME.sh defines, with NAME's dashes as underscores:
#   NAME_prepare   fetch and build what the service needs (idempotent; fast when done)
#   NAME_launch    start the process(es) in the background, recording each pid with record_pid
#   NAME_ready     return 0 when the service answers as ready
#   NAME_endpoint  print where it listens
# A service is "running" when every pid it recorded is alive.

READY_TIMEOUT_SECONDS="${CONCORD_SERVICES_READY_TIMEOUT:-120}"

fn_name() { echo "${1//-/_}"; }
service_dir() { echo "$STATE/$1"; }

record_pid() { # service name pid
  mkdir -p "$(service_dir "$1")/pids"
  echo "$3" > "$(service_dir "$1")/pids/$2.pid"
}

service_pids() {
  local dir
  dir="$(service_dir "$1")/pids"
  [ -d "$dir" ] || return 0
  local f
  for f in "$dir"/*.pid; do
    [ -e "$f" ] && cat "$f"
  done
  return 0
}

is_running() {
  local pids pid
  pids="$(service_pids "$1")"
  [ -n "$pids" ] || return 1
  for pid in $pids; do
    kill -0 "$pid" 2>/dev/null || return 1
  done
}

http_ok() { # url
  [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true)" = 200 ]
}

tcp_open() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

maven() {
  (cd "$ROOT" && mvn -q -B --no-transfer-progress -Dstyle.color=never "$@")
}

# Fails when a port is already held: by another checkout's services, or a process whose pid file is gone. A second
# process would fail to bind while the other one answered the readiness check in its place.
require_free_ports() { # service port...
  local service="$1" port
  shift
  for port in "$@"; do
    if tcp_open 127.0.0.1 "$port"; then
      echo "$service: 127.0.0.1:$port is already taken by a process that scripts/services here did not start:" >&2
      ss -ltnp "( sport = :$port )" >&2 2>/dev/null || true
      return 1
    fi
  done
}

# Copies a packaging module's dependencies into MODULE/target/lib once (again when its pom changes), then links them
# into $STATE/SERVICE/lib, so that a `mvn clean` cannot pull jars from under a running service.
fetch_maven_lib() { # service module
  local service="$1" module="$2" lib stamp run_lib
  lib="$ROOT/$module/target/lib"
  stamp="$lib/.complete"
  run_lib="$(service_dir "$service")/lib"
  # The stamp, not the directory's mtime: an interrupted copy must not pass for a finished one.
  if [ ! -f "$stamp" ] || [ "$ROOT/$module/pom.xml" -nt "$stamp" ]; then
    echo "$service: fetching its jars with Maven"
    rm -rf "$lib"
    maven -f "$module/pom.xml" dependency:copy-dependencies -DoutputDirectory=target/lib || return 1
    touch "$stamp"
  fi
  mkdir -p "$(service_dir "$service")"
  rm -rf "$run_lib"
  # hard links: instant and no extra disk; a copy where the state lives on another file system
  cp -al "$lib" "$run_lib" 2>/dev/null || { rm -rf "$run_lib"; cp -a "$lib" "$run_lib"; }
}

# Starts a background process detached from this shell, output to a log file, and records its pid.
spawn() { # service name logfile command...
  local service="$1" name="$2" log="$3"
  shift 3
  mkdir -p "$(dirname "$log")"
  setsid nohup "$@" >"$log" 2>&1 </dev/null &
  record_pid "$service" "$name" $!
}

show_logs() {
  local dir
  dir="$(service_dir "$1")/logs"
  [ -d "$dir" ] || return 0
  local f
  for f in "$dir"/*; do
    [ -f "$f" ] || continue
    echo "--- last lines of $f" >&2
    tail -n 30 "$f" >&2
  done
}

wait_ready() { # service
  local service="$1" fn deadline
  fn="$(fn_name "$service")"
  deadline=$(( $(date +%s) + READY_TIMEOUT_SECONDS ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if "${fn}_ready"; then
      echo "$service ready at $("${fn}_endpoint")"
      return 0
    fi
    if ! is_running "$service"; then
      echo "$service exited while starting" >&2
      show_logs "$service"
      return 1
    fi
    sleep 0.5
  done
  echo "$service not ready after ${READY_TIMEOUT_SECONDS}s" >&2
  show_logs "$service"
  return 1
}

services_start() {
  local service fn failed=0 launched=()
  for service in "$@"; do
    fn="$(fn_name "$service")"
    if is_running "$service" && "${fn}_ready"; then
      echo "$service already running at $("${fn}_endpoint")"
      continue
    fi
    stop_service "$service" >/dev/null
    "${fn}_prepare"
    mkdir -p "$(service_dir "$service")/logs"
    "${fn}_launch"
    launched+=("$service")
  done
  # launched together, awaited together: the slow starters overlap
  for service in "${launched[@]+"${launched[@]}"}"; do
    wait_ready "$service" || failed=1
  done
  return "$failed"
}

stop_service() {
  local service="$1" pids pid waited
  pids="$(service_pids "$service")"
  if [ -z "$pids" ]; then
    echo "$service not running"
    return 0
  fi
  for pid in $pids; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $pids; do
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 300 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$service pid $pid did not stop in 30s: killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$(service_dir "$service")"/pids/*.pid
  echo "$service stopped"
}

services_stop() {
  local service
  for service in "$@"; do
    stop_service "$service"
  done
}

services_status() {
  local service fn down=0
  for service in "$@"; do
    fn="$(fn_name "$service")"
    if is_running "$service" && "${fn}_ready"; then
      echo "$service: running at $("${fn}_endpoint") (pids $(service_pids "$service" | tr '\n' ' '))"
    elif is_running "$service"; then
      echo "$service: starting or unhealthy (pids $(service_pids "$service" | tr '\n' ' '))"
      down=1
    else
      echo "$service: stopped"
      down=1
    fi
  done
  return "$down"
}
