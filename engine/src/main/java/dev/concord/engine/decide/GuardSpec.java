package dev.concord.engine.decide;

import java.io.Serializable;
import java.util.Map;

/**
 * A guard signal as the engine reads it from metric samples (OTLP, or polled from Prometheus), with the limit a policy puts on it.
 *
 * @param metric the OTLP metric name, or for a PromQL guard the name its polled readings carry
 * @param attributes data point or resource attributes every matching sample carries
 * @param secondsPerUnit converts the metric's unit to seconds for an RPO comparison (1 for {@code s})
 * @param above the limit a value must stay at or below, or null
 * @param below the limit a value must stay at or above, or null
 */
public record GuardSpec(
        String name, String metric, Map<String, String> attributes, double secondsPerUnit, Double above, Double below)
        implements Serializable {

    public GuardSpec {
        attributes = Map.copyOf(attributes);
    }

    /** Seconds per unit for the UCUM units a lag is written in; 1 for anything else. */
    static double secondsPer(String unit) {
        return switch (unit == null ? "" : unit) {
            case "ms" -> 0.001;
            case "min" -> 60;
            case "h" -> 3600;
            default -> 1;
        };
    }
}
