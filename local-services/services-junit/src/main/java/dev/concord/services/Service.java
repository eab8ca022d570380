package dev.concord.services;

import java.net.URI;

/**
 * The real services Concord's tests talk to, with the loopback endpoints {@code scripts/services} starts them on.
 * Each endpoint can be pointed elsewhere with a system property or an environment variable.
 */
public enum Service {
    KAFKA("kafka", "concord.kafka.bootstrap", "CONCORD_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
    ELASTICSEARCH("elasticsearch", "concord.elasticsearch.url", "CONCORD_ELASTICSEARCH_URL", "http://127.0.0.1:19200"),
    PROMETHEUS("prometheus", "concord.prometheus.url", "CONCORD_PROMETHEUS_URL", "http://127.0.0.1:19090"),
    ALERTMANAGER("alertmanager", "concord.alertmanager.url", "CONCORD_ALERTMANAGER_URL", "http://127.0.0.1:19093"),
    FLINK_CLUSTER("flink-cluster", "concord.flink.rest.url", "CONCORD_FLINK_REST_URL", "http://127.0.0.1:18081");

    private final String scriptName;
    private final String property;
    private final String environmentVariable;
    private final String defaultEndpoint;

    Service(String scriptName, String property, String environmentVariable, String defaultEndpoint) {
        this.scriptName = scriptName;
        this.property = property;
        this.environmentVariable = environmentVariable;
        this.defaultEndpoint = defaultEndpoint;
    }

    /** The name {@code scripts/services} knows this service by. */
    public String scriptName() {
        return scriptName;
    }

    /** The endpoint: a system property wins over an environment variable, which wins over the default. */
    public String endpoint() {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnvironment = System.getenv(environmentVariable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return defaultEndpoint;
    }

    URI endpointUri() {
        String endpoint = endpoint();
        return URI.create(endpoint.contains("://") ? endpoint : "tcp://" + endpoint);
    }

    String howToStart() {
        return "start it with `scripts/services start " + scriptName + "` (or point " + property + " / "
                + environmentVariable + " at a running one)";
    }
}
