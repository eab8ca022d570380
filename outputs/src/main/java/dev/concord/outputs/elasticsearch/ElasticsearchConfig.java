package dev.concord.outputs.elasticsearch;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where and how Concord writes to Elasticsearch. Built once from configuration and shipped with the job graph, so it
 * is serializable and checked in full when built: a job never starts with a configuration it cannot use.
 */
public final class ElasticsearchConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_INDEX_PREFIX = "concord-";
    public static final int DEFAULT_MAX_BATCH_ACTIONS = 1000;
    public static final long DEFAULT_MAX_BATCH_BYTES = 5L * 1024 * 1024;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_RETRIES = 8;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> hosts;
    private final String indexPrefix;
    private final String username;
    private final String password;
    private final String apiKey;
    private final String caCertificatePath;
    private final boolean trustAllCertificates;
    private final int maxBatchActions;
    private final long maxBatchBytes;
    private final Duration flushInterval;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;

    private ElasticsearchConfig(Builder b) {
        this.hosts = List.copyOf(b.hosts);
        this.indexPrefix = b.indexPrefix;
        this.username = b.username;
        this.password = b.password;
        this.apiKey = b.apiKey;
        this.caCertificatePath = b.caCertificatePath;
        this.trustAllCertificates = b.trustAllCertificates;
        this.maxBatchActions = b.maxBatchActions;
        this.maxBatchBytes = b.maxBatchBytes;
        this.flushInterval = b.flushInterval;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.requestTimeout = b.requestTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> hosts() {
        return hosts;
    }

    /** Prepended to every index and template name, so several deployments (or test runs) share a cluster. */
    public String indexPrefix() {
        return indexPrefix;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    String apiKey() {
        return apiKey;
    }

    String caCertificatePath() {
        return caCertificatePath;
    }

    boolean trustAllCertificates() {
        return trustAllCertificates;
    }

    int maxBatchActions() {
        return maxBatchActions;
    }

    long maxBatchBytes() {
        return maxBatchBytes;
    }

    Duration flushInterval() {
        return flushInterval;
    }

    int maxRetries() {
        return maxRetries;
    }

    Duration initialBackoff() {
        return initialBackoff;
    }

    Duration maxBackoff() {
        return maxBackoff;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** The configuration with a secret-free description, for logs. */
    @Override
    public String toString() {
        return "ElasticsearchConfig{hosts=" + hosts + ", indexPrefix=" + indexPrefix + ", auth="
                + (apiKey != null ? "api-key" : username != null ? "basic" : "none") + ", tls="
                + (trustAllCertificates
                        ? "trust-all"
                        : caCertificatePath != null ? "ca:" + caCertificatePath : "default")
                + "}";
    }

    public static final class Builder {
        private final List<String> hosts = new ArrayList<>();
        private String indexPrefix = DEFAULT_INDEX_PREFIX;
        private String username;
        private String password;
        private String apiKey;
        private String caCertificatePath;
        private boolean trustAllCertificates;
        private int maxBatchActions = DEFAULT_MAX_BATCH_ACTIONS;
        private long maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {}

        /** A node's base URL, {@code http://host:9200} or {@code https://host:9200}; at least one. */
        public Builder host(String url) {
            hosts.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        public Builder indexPrefix(String prefix) {
            this.indexPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public Builder basicAuth(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The base64 {@code id:key} value Elasticsearch's create-API-key call returns as {@code encoded}. */
        public Builder apiKey(String encodedApiKey) {
            this.apiKey = Objects.requireNonNull(encodedApiKey, "encodedApiKey");
            return this;
        }

        /** A PEM file with the certificate authority that signed the cluster's HTTP certificate. */
        public Builder caCertificate(Path pemFile) {
            this.caCertificatePath = pemFile.toAbsolutePath().toString();
            return this;
        }

        /** Accept any certificate and host name: development clusters with self-signed certificates only. */
        public Builder trustAllCertificates(boolean trustAll) {
            this.trustAllCertificates = trustAll;
            return this;
        }

        public Builder maxBatchActions(int actions) {
            this.maxBatchActions = actions;
            return this;
        }

        public Builder maxBatchBytes(long bytes) {
            this.maxBatchBytes = bytes;
            return this;
        }

        public Builder flushInterval(Duration interval) {
            this.flushInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public ElasticsearchConfig build() {
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("Elasticsearch: at least one host is required");
            }
            for (String host : hosts) {
                URI uri;
                try {
                    uri = URI.create(host);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Elasticsearch: not a URL: " + host, e);
                }
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null
                        || uri.getPort() < 0) {
                    throw new IllegalArgumentException("Elasticsearch: host must be http(s)://HOST:PORT, got " + host);
                }
            }
            if (!indexPrefix.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new IllegalArgumentException(
                        "Elasticsearch: index prefix must be lowercase letters, digits, '.', '_' or '-': "
                                + indexPrefix);
            }
            if (apiKey != null && username != null) {
                throw new IllegalArgumentException("Elasticsearch: choose basic auth or an API key, not both");
            }
            if (trustAllCertificates && caCertificatePath != null) {
                throw new IllegalArgumentException("Elasticsearch: a CA certificate and trust-all exclude each other");
            }
            if (caCertificatePath != null && !Files.isReadable(Path.of(caCertificatePath))) {
                throw new IllegalArgumentException("Elasticsearch: CA certificate not readable: " + caCertificatePath);
            }
            boolean secret = apiKey != null || username != null;
            if (secret && hosts.stream().anyMatch(h -> h.startsWith("http:"))) {
                // credentials in clear text over the network are a configuration mistake, not a choice
                if (hosts.stream().anyMatch(h -> !isLoopback(h))) {
                    throw new IllegalArgumentException("Elasticsearch: credentials need https (or a loopback host)");
                }
            }
            positive(maxBatchActions, "maxBatchActions");
            positive(maxBatchBytes, "maxBatchBytes");
            positive(flushInterval.toMillis(), "flushInterval");
            if (maxRetries < 0) {
                throw new IllegalArgumentException("Elasticsearch: maxRetries must be >= 0: " + maxRetries);
            }
            positive(initialBackoff.toMillis(), "initialBackoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("Elasticsearch: maxBackoff must be >= initialBackoff");
            }
            positive(requestTimeout.toMillis(), "requestTimeout");
            return new ElasticsearchConfig(this);
        }

        private static boolean isLoopback(String url) {
            String host = URI.create(url).getHost();
            return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
        }

        private static void positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException("Elasticsearch: " + name + " must be positive: " + value);
            }
        }
    }
}
