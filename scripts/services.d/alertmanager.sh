# alertmanager: see common.sh for the functions a service file defines.
alertmanager_prepare() { echo "alertmanager: not implemented yet" >&2; return 1; }
alertmanager_launch() { return 1; }
alertmanager_ready() { return 1; }
alertmanager_endpoint() { echo "unknown"; }
