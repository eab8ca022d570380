package dev.concord.ingest.model;

import java.util.Map;

/**
 * One data point of an OpenTelemetry metric with its resource: the shape of guard signals such as replication lag
 * or health checks.
 *
 * @param unit the UCUM unit as sent ({@code s}, {@code By}, {@code 1}), empty when none
 * @param timeUnixNano the data point's time, Unix epoch nanoseconds
 * @param attributes the data point's attributes, values rendered as strings
 */
public record MetricSample(
        ResourceIdentity resource,
        String name,
        String unit,
        MetricKind kind,
        long timeUnixNano,
        double value,
        Map<String, String> attributes) {

    public MetricSample {
        unit = unit == null ? "" : unit;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
