package dev.concord.ingest.model;

import java.util.Map;

/**
 * One OpenTelemetry log record with its resource. Ids are lowercase hex, empty when the log is not tied to a span.
 * Times are Unix epoch nanoseconds.
 *
 * @param severityNumber the OTLP severity number, 0 when unspecified
 * @param body the body rendered as a string
 */
public record LogRecord(
        ResourceIdentity resource,
        long timeUnixNano,
        long observedTimeUnixNano,
        int severityNumber,
        String severityText,
        String body,
        String traceId,
        String spanId,
        Map<String, String> attributes) {

    public LogRecord {
        severityText = severityText == null ? "" : severityText;
        body = body == null ? "" : body;
        traceId = traceId == null ? "" : traceId;
        spanId = spanId == null ? "" : spanId;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
