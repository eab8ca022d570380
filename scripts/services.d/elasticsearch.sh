# elasticsearch: see common.sh for the functions a service file defines.
elasticsearch_prepare() { echo "elasticsearch: not implemented yet" >&2; return 1; }
elasticsearch_launch() { return 1; }
elasticsearch_ready() { return 1; }
elasticsearch_endpoint() { echo "unknown"; }
