package dev.concord.services;

/** The endpoints of the real services, as tests should use them. */
public final class ServiceEndpoints {

    static final ServiceEndpoints INSTANCE = new ServiceEndpoints();

    private ServiceEndpoints() {}

    /** Kafka bootstrap servers, {@code host:port}. */
    public String kafkaBootstrapServers() {
        return Service.KAFKA.endpoint();
    }

    /** Elasticsearch HTTP base URL. */
    public String elasticsearchUrl() {
        return Service.ELASTICSEARCH.endpoint();
    }

    /** Prometheus HTTP base URL. */
    public String prometheusUrl() {
        return Service.PROMETHEUS.endpoint();
    }

    /** Alertmanager HTTP base URL. */
    public String alertmanagerUrl() {
        return Service.ALERTMANAGER.endpoint();
    }

    /** Flink JobManager REST base URL of the standalone cluster. */
    public String flinkRestUrl() {
        return Service.FLINK_CLUSTER.endpoint();
    }
}
