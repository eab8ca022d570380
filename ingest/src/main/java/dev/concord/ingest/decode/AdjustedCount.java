package dev.concord.ingest.decode;

import dev.concord.ingest.Conventions;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * How many spans a sampled span stands for. OpenTelemetry's consistent probability sampling writes its rejection
 * threshold into the W3C tracestate as {@code ot=th:HEX} (up to 14 hex digits, trailing zeros dropped): the
 * sampling probability is {@code 1 - T / 2^56} and the adjusted count its inverse. A sender may instead set the
 * {@code sampling.adjusted_count} attribute. Anything unreadable counts as 1, as an unsampled span.
 */
final class AdjustedCount {

    private static final int THRESHOLD_DIGITS = 14;
    private static final double TWO_TO_56 = 0x1p56;

    private AdjustedCount() {}

    static double of(String traceState, List<KeyValue> attributes) {
        double fromState = fromTraceState(traceState);
        if (fromState > 0) {
            return fromState;
        }
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(Conventions.SAMPLING_ADJUSTED_COUNT)) {
                return fromAttribute(attribute.getValue());
            }
        }
        return 1.0;
    }

    /** The adjusted count in the tracestate, or 0 when it carries no readable threshold. */
    static double fromTraceState(String traceState) {
        if (traceState.isEmpty()) {
            return 0;
        }
        for (String member : traceState.split(",")) {
            String trimmed = member.trim();
            if (!trimmed.startsWith(Conventions.TRACESTATE_OTEL_KEY + "=")) {
                continue;
            }
            for (String field : trimmed.substring(Conventions.TRACESTATE_OTEL_KEY.length() + 1)
                    .split(";")) {
                if (field.startsWith(Conventions.TRACESTATE_THRESHOLD_KEY + ":")) {
                    return fromThreshold(field.substring(Conventions.TRACESTATE_THRESHOLD_KEY.length() + 1));
                }
            }
        }
        return 0;
    }

    private static double fromThreshold(String hex) {
        if (hex.isEmpty() || hex.length() > THRESHOLD_DIGITS) {
            return 0;
        }
        long threshold = 0;
        for (int i = 0; i < THRESHOLD_DIGITS; i++) {
            int digit = i < hex.length() ? Character.digit(hex.charAt(i), 16) : 0;
            if (digit < 0) {
                return 0;
            }
            threshold = (threshold << 4) | digit;
        }
        return TWO_TO_56 / (TWO_TO_56 - threshold);
    }

    private static double fromAttribute(AnyValue value) {
        double count = switch (value.getValueCase()) {
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case STRING_VALUE -> parse(value.getStringValue());
            default -> 1.0;
        };
        return count >= 1.0 && !Double.isInfinite(count) ? count : 1.0;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }
}
