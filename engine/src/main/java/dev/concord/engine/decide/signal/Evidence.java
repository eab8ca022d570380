package dev.concord.engine.decide.signal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why a family said what it said, in the decision record's words. Absent parts are null.
 *
 * @param measure what was measured: {@code error_share}, {@code failing_vantage_points}, a guard's name, ...
 * @param threshold the value the measure was compared with
 * @param window the window judged, for example {@code 1m}
 * @param pValue the significance test's p-value, null when no test applies (a guard, an alert)
 * @param samples runs, checks, calls or log records in the window
 * @param vantagePoints vantage points with enough runs (probes only)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Evidence(
        String measure,
        Double value,
        Double threshold,
        String window,
        @JsonProperty("p_value") Double pValue,
        Long samples,
        @JsonProperty("vantage_points") Integer vantagePoints) {}
