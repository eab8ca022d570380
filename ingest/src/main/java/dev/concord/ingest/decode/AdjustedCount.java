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
    private static final String OTEL_PREFIX = Conventions.TRACESTATE_OTEL_KEY + "=";
    private static final String THRESHOLD_PREFIX = Conventions.TRACESTATE_THRESHOLD_KEY + ":";

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

    /**
     * The adjusted count in the tracestate, or 0 when it carries no readable threshold. Scans in place: this runs for
     * every span, and splitting the header into strings cost more than the rest of the decision.
     */
    static double fromTraceState(String traceState) {
        int length = traceState.length();
        int memberStart = 0;
        while (memberStart <= length) {
            int memberEnd = traceState.indexOf(',', memberStart);
            if (memberEnd < 0) {
                memberEnd = length;
            }
            // as String.trim: every character up to the space is blank
            int from = memberStart;
            int to = memberEnd;
            while (from < to && traceState.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && traceState.charAt(to - 1) <= ' ') {
                to--;
            }
            if (to - from >= OTEL_PREFIX.length() && traceState.startsWith(OTEL_PREFIX, from)) {
                int fieldStart = from + OTEL_PREFIX.length();
                while (fieldStart <= to) {
                    int fieldEnd = traceState.indexOf(';', fieldStart);
                    if (fieldEnd < 0 || fieldEnd > to) {
                        fieldEnd = to;
                    }
                    if (fieldEnd - fieldStart >= THRESHOLD_PREFIX.length()
                            && traceState.startsWith(THRESHOLD_PREFIX, fieldStart)) {
                        return fromThreshold(traceState, fieldStart + THRESHOLD_PREFIX.length(), fieldEnd);
                    }
                    fieldStart = fieldEnd + 1;
                }
            }
            memberStart = memberEnd + 1;
        }
        return 0;
    }

    private static double fromThreshold(String text, int from, int to) {
        int digits = to - from;
        if (digits == 0 || digits > THRESHOLD_DIGITS) {
            return 0;
        }
        long threshold = 0;
        for (int i = 0; i < THRESHOLD_DIGITS; i++) {
            int digit = i < digits ? Character.digit(text.charAt(from + i), 16) : 0;
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
        return valid(count);
    }

    /** A count read from an attribute, or 1 when it is not one. */
    static double valid(double count) {
        return count >= 1.0 && !Double.isInfinite(count) ? count : 1.0;
    }

    static double parse(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }
}
