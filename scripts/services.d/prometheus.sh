# prometheus: see common.sh for the functions a service file defines.
prometheus_prepare() { echo "prometheus: not implemented yet" >&2; return 1; }
prometheus_launch() { return 1; }
prometheus_ready() { return 1; }
prometheus_endpoint() { echo "unknown"; }
