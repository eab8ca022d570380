package dev.concord.rules.model;

import dev.concord.rules.Conventions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** A value that vetoes or confirms a failover, read from an OTLP metric or polled from Prometheus. */
public record GuardSignal(Metadata metadata, String description, Source source, Origin origin) implements RuleDocument {

    @Override
    public String kind() {
        return Conventions.KIND_GUARD_SIGNAL;
    }

    public sealed interface Source {}

    /** Data points of the metric {@code name} whose attributes include every pair of {@code attributes}. */
    public record OtlpMetric(String name, String unit, Map<String, String> attributes) implements Source {
        public OtlpMetric {
            attributes = Map.copyOf(attributes);
        }
    }

    /** An instant query against a Prometheus HTTP API, every {@code every}. */
    public record PromQl(URI endpoint, String query, Duration every) implements Source {}
}
