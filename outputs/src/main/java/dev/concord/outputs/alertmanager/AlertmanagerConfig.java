package dev.concord.outputs.alertmanager;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where alerts go and how hard Concord tries. Serializable so a Flink job can carry it; checked in full when built.
 */
public final class AlertmanagerConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Alertmanager resolves an alert not re-sent within resolve_timeout (5 min by default): well inside that. */
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofSeconds(60);

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TICK = Duration.ofMillis(200);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_QUEUED_ALERTS = 10_000;

    private final List<String> urls;
    private final Duration resendInterval;
    private final Duration requestTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration tick;
    private final Duration drainTimeout;
    private final int maxQueuedAlerts;

    private AlertmanagerConfig(Builder b) {
        this.urls = List.copyOf(b.urls);
        this.resendInterval = b.resendInterval;
        this.requestTimeout = b.requestTimeout;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.tick = b.tick;
        this.drainTimeout = b.drainTimeout;
        this.maxQueuedAlerts = b.maxQueuedAlerts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> urls() {
        return urls;
    }

    public Duration resendInterval() {
        return resendInterval;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration tick() {
        return tick;
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    public int maxQueuedAlerts() {
        return maxQueuedAlerts;
    }

    @Override
    public String toString() {
        return "AlertmanagerConfig{urls=" + urls + ", resendInterval=" + resendInterval + "}";
    }

    public static final class Builder {
        private final List<String> urls = new ArrayList<>();
        private Duration resendInterval = DEFAULT_RESEND_INTERVAL;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration tick = DEFAULT_TICK;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private int maxQueuedAlerts = DEFAULT_MAX_QUEUED_ALERTS;

        private Builder() {}

        /** An Alertmanager's base URL; add each member of an HA pair: each receives every alert. */
        public Builder url(String url) {
            urls.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        public Builder resendInterval(Duration interval) {
            this.resendInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** How often the sender wakes up to send, re-send and retry. */
        public Builder tick(Duration tick) {
            this.tick = Objects.requireNonNull(tick, "tick");
            return this;
        }

        /** How long closing waits for queued alerts to go out. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Per Alertmanager: beyond this many distinct alerts waiting, the oldest are dropped and counted. */
        public Builder maxQueuedAlerts(int max) {
            this.maxQueuedAlerts = max;
            return this;
        }

        public AlertmanagerConfig build() {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("Alertmanager: at least one URL is required");
            }
            for (String url : urls) {
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Alertmanager: not a URL: " + url, e);
                }
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("Alertmanager: URL must be http(s)://HOST[:PORT]: " + url);
                }
            }
            if (urls.stream().distinct().count() != urls.size()) {
                throw new IllegalArgumentException("Alertmanager: a URL is listed twice: " + urls);
            }
            positive(resendInterval, "resendInterval");
            positive(requestTimeout, "requestTimeout");
            positive(initialBackoff, "initialBackoff");
            positive(tick, "tick");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("Alertmanager: maxBackoff must be >= initialBackoff");
            }
            if (drainTimeout.isNegative()) {
                throw new IllegalArgumentException("Alertmanager: drainTimeout must not be negative");
            }
            if (maxQueuedAlerts < 1) {
                throw new IllegalArgumentException(
                        "Alertmanager: maxQueuedAlerts must be positive: " + maxQueuedAlerts);
            }
            return new AlertmanagerConfig(this);
        }

        private static void positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Alertmanager: " + name + " must be positive: " + d);
            }
        }
    }
}
