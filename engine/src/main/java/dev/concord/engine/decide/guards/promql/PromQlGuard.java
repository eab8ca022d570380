package dev.concord.engine.decide.guards.promql;

import dev.concord.rules.model.GuardSignal;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A guard signal polled from a Prometheus HTTP API: the instant query {@code query} against {@code endpoint} every
 * {@code everyMillis}.
 *
 * @param endpoint the Prometheus base URL ({@code http://host:9090}); {@code /api/v1/query} is appended
 */
public record PromQlGuard(String name, String endpoint, String query, long everyMillis) implements Serializable {

    public PromQlGuard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(query, "query");
        if (everyMillis <= 0) {
            throw new IllegalArgumentException(name + ": the polling interval must be positive, got " + everyMillis);
        }
    }

    static PromQlGuard of(String name, GuardSignal.PromQl source) {
        Duration every = source.every() == null ? PromQlGuards.DEFAULT_EVERY : source.every();
        return new PromQlGuard(name, source.endpoint().toString(), source.query(), every.toMillis());
    }

    /**
     * The name the guard's readings carry as metric samples: the decision engine matches guards by metric name, and
     * this one cannot collide with an OTLP metric's (OTLP names do not contain {@code :}).
     */
    public String sampleName() {
        return PromQlGuards.sampleName(name);
    }
}
