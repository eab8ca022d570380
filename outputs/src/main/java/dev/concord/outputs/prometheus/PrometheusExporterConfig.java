package dev.concord.outputs.prometheus;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the exporter listens and how a bounded run ends.
 *
 * @param scrapesAfterEnd at the end of a bounded input, if anyone scraped during the run, keep serving until this many
 *     more scrapes happened, so the final values reach Prometheus; 0 to stop at once
 * @param maxWaitAfterEnd the most time that wait may take
 * @param bindTimeout how long to retry while the port is busy
 * @param optional a port still busy after the bind timeout leaves the job without metrics (logged) instead of
 *     failing it: for a command line's default port, which anything else on the machine may hold
 */
public record PrometheusExporterConfig(
        String host, int port, int scrapesAfterEnd, Duration maxWaitAfterEnd, Duration bindTimeout, boolean optional)
        implements Serializable {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 9400;
    public static final Duration DEFAULT_BIND_TIMEOUT = Duration.ofSeconds(30);

    public PrometheusExporterConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(maxWaitAfterEnd, "maxWaitAfterEnd");
        Objects.requireNonNull(bindTimeout, "bindTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Prometheus exporter: port must be 1-65535: " + port);
        }
        if (scrapesAfterEnd < 0 || maxWaitAfterEnd.isNegative() || bindTimeout.isNegative()) {
            throw new IllegalArgumentException("Prometheus exporter: counts and durations must not be negative");
        }
    }

    /** A required port. */
    public PrometheusExporterConfig(
            String host, int port, int scrapesAfterEnd, Duration maxWaitAfterEnd, Duration bindTimeout) {
        this(host, port, scrapesAfterEnd, maxWaitAfterEnd, bindTimeout, false);
    }

    /** Listen on all interfaces of the port; stop at once at the end of input. */
    public static PrometheusExporterConfig onPort(int port) {
        return new PrometheusExporterConfig(DEFAULT_HOST, port, 0, Duration.ZERO, DEFAULT_BIND_TIMEOUT);
    }
}
