# kafka: see common.sh for the functions a service file defines.
kafka_prepare() { echo "kafka: not implemented yet" >&2; return 1; }
kafka_launch() { return 1; }
kafka_ready() { return 1; }
kafka_endpoint() { echo "unknown"; }
