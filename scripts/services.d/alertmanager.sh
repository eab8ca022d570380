# alertmanager: see common.sh for the functions a service file defines.
# Debian's prometheus-alertmanager (0.25) as a plain process on 127.0.0.1:19093 with
# local-services/alertmanager/alertmanager.yml. The package's own systemd unit or init script is never used.

ALERTMANAGER_PORT=19093

alertmanager_config() { echo "$ROOT/local-services/alertmanager/alertmanager.yml"; }

alertmanager_prepare() {
  # defined in prometheus.sh: one install brings both packages
  prometheus_debian_install prometheus-alertmanager amtool
  local out
  if ! out="$(amtool check-config "$(alertmanager_config)" 2>&1)"; then
    echo "alertmanager: invalid configuration:" >&2
    echo "$out" >&2
    return 1
  fi
  require_free_ports alertmanager "$ALERTMANAGER_PORT"
}

alertmanager_launch() {
  local dir
  dir="$(service_dir alertmanager)"
  mkdir -p "$dir/data"
  # An empty cluster address turns gossip off: one instance, and no port 9094 to collide on.
  spawn alertmanager alertmanager "$dir/logs/alertmanager.log" prometheus-alertmanager \
    --config.file="$(alertmanager_config)" \
    --storage.path="$dir/data" \
    --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" \
    --web.external-url="http://127.0.0.1:$ALERTMANAGER_PORT" \
    --cluster.listen-address=
}

alertmanager_ready() { http_ok "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready"; }

alertmanager_endpoint() { echo "http://127.0.0.1:$ALERTMANAGER_PORT"; }
