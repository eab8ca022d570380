# flink-cluster: see common.sh for the functions a service file defines.
flink_cluster_prepare() { echo "flink-cluster: not implemented yet" >&2; return 1; }
flink_cluster_launch() { return 1; }
flink_cluster_ready() { return 1; }
flink_cluster_endpoint() { echo "unknown"; }
