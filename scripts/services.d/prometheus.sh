# prometheus: see common.sh for the functions a service file defines.
# Debian's prometheus (2.42) as a plain process on 127.0.0.1:19090 with local-services/prometheus/prometheus.yml.
# The package's own systemd unit or init script (port 9090) is never used.

PROMETHEUS_PORT=19090
PROMETHEUS_DEBIAN_PACKAGES="prometheus prometheus-alertmanager"

# Also used by alertmanager.sh. Both packages come in one apt-get run, so `start all` updates the index once.
prometheus_debian_install() { # binary...
  local missing=() binary
  for binary in "$@"; do
    command -v "$binary" >/dev/null 2>&1 || missing+=("$binary")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    echo "missing ${missing[*]}: install the Debian packages $PROMETHEUS_DEBIAN_PACKAGES, e.g." \
      "sudo apt-get install --no-install-recommends $PROMETHEUS_DEBIAN_PACKAGES" >&2
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing ${missing[*]} and no apt-get: install Prometheus 2.42+ and Alertmanager 0.25+ so that" \
      "prometheus, promtool, prometheus-alertmanager and amtool are on the PATH" >&2
    return 1
  fi

  echo "installing the Debian packages $PROMETHEUS_DEBIAN_PACKAGES (missing: ${missing[*]})"
  # The packages' maintainer scripts start their daemons on 9090/9093/9094 wherever an init system runs;
  # a policy-rc.d that denies every start keeps them down. One already present is the machine's own choice.
  local policy=/usr/sbin/policy-rc.d our_policy=0 rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary, from Concord scripts/services\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    our_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d; exit 130' INT TERM
  fi
  if [ -z "${PROMETHEUS_APT_UPDATED:-}" ]; then
    apt-get update -q || rc=$?
    PROMETHEUS_APT_UPDATED=1
  fi
  if [ "$rc" -eq 0 ]; then
    # shellcheck disable=SC2086 # the list is meant to split
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PROMETHEUS_DEBIAN_PACKAGES || rc=$?
  fi
  if [ "$our_policy" = 1 ]; then
    rm -f "$policy"
    trap - INT TERM
  fi
  if [ "$rc" -ne 0 ]; then
    echo "apt-get failed (exit $rc) installing $PROMETHEUS_DEBIAN_PACKAGES" >&2
    return 1
  fi

  # The install also enabled the services for the next boot; nothing of Concord's needs them.
  if [ -d /run/systemd/system ]; then
    systemctl disable --quiet prometheus.service prometheus-alertmanager.service || true
  else
    update-rc.d prometheus disable >/dev/null 2>&1 || true
    update-rc.d prometheus-alertmanager disable >/dev/null 2>&1 || true
  fi
  if ss -ltn 2>/dev/null | grep -Eq ':(9090|9093|9094)[[:space:]]'; then
    echo "warning: something listens on Debian's default Prometheus/Alertmanager ports (9090/9093/9094);" \
      "Concord's services use 19090/19093 and do not need it" >&2
  fi

  for binary in "$@"; do
    command -v "$binary" >/dev/null 2>&1 || {
      echo "$binary still missing after installing $PROMETHEUS_DEBIAN_PACKAGES (is /usr/bin on the PATH?)" >&2
      return 1
    }
  done
}

prometheus_config() { echo "$ROOT/local-services/prometheus/prometheus.yml"; }

prometheus_prepare() {
  prometheus_debian_install prometheus promtool
  local out
  if ! out="$(promtool check config "$(prometheus_config)" 2>&1)"; then
    echo "prometheus: invalid configuration:" >&2
    echo "$out" >&2
    return 1
  fi
  require_free_ports prometheus "$PROMETHEUS_PORT"
}

prometheus_launch() {
  local dir
  dir="$(service_dir prometheus)"
  mkdir -p "$dir/data"
  # Retention is short: the data only ever serves tests and a local session.
  spawn prometheus prometheus "$dir/logs/prometheus.log" prometheus \
    --config.file="$(prometheus_config)" \
    --storage.tsdb.path="$dir/data" \
    --storage.tsdb.retention.time=1d \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
    --web.enable-remote-write-receiver \
    --web.enable-lifecycle
}

# Ready means the TSDB is open and queries answer; the first scrape of a target still comes ~5 s after
# start, so tests poll for their data rather than assume it.
prometheus_ready() { http_ok "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"; }

prometheus_endpoint() { echo "http://127.0.0.1:$PROMETHEUS_PORT"; }
