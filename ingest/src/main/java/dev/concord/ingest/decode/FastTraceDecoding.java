package dev.concord.ingest.decode;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the fast trace readers share: the signal that they leave a request to the reference path, and attribute values
 * cut and rendered as {@link AttributeSanitizer} then {@link AnyValues} do it.
 */
final class FastTraceDecoding {

    private FastTraceDecoding() {}

    /**
     * Thrown when a fast reader meets anything it does not map itself (bad input, rare shapes): the request is then
     * decoded by the reference path, which gives the same result or the same error. No stack trace: it is control
     * flow.
     */
    static final class Declined extends Exception {
        private static final long serialVersionUID = 1L;

        Declined() {
            super(null, null, false, false);
        }
    }

    static final Declined DECLINED = new Declined();

    /** The rendering of small integers, made once: status codes, ports, counts. */
    private static final String[] SMALL_INTEGERS = new String[1024];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = Integer.toString(i);
        }
    }

    static void string(SpanDraft draft, int maxAttributes, int maxLength, String key, String value) {
        String cut = value.length() <= maxLength ? value : AttributeSanitizer.truncate(value, maxLength);
        draft.attribute(maxAttributes, key, cut, SpanDraft.STRING, 0);
    }

    static void bool(SpanDraft draft, int maxAttributes, String key, boolean value) {
        draft.attribute(maxAttributes, key, value ? "true" : "false", SpanDraft.OTHER, 0);
    }

    static void integer(SpanDraft draft, int maxAttributes, String key, long value) {
        String text = value >= 0 && value < SMALL_INTEGERS.length ? SMALL_INTEGERS[(int) value] : Long.toString(value);
        draft.attribute(maxAttributes, key, text, SpanDraft.NUMBER, value);
    }

    static void floating(SpanDraft draft, int maxAttributes, String key, double value) {
        draft.attribute(maxAttributes, key, Double.toString(value), SpanDraft.NUMBER, value);
    }

    static void bytes(SpanDraft draft, int maxAttributes, int maxLength, String key, byte[] value, int off, int len) {
        String text =
                Base64.getEncoder().encodeToString(Arrays.copyOfRange(value, off, off + Math.min(len, maxLength)));
        draft.attribute(maxAttributes, key, text, SpanDraft.OTHER, 0);
    }

    static void unset(SpanDraft draft, int maxAttributes, String key) {
        draft.attribute(maxAttributes, key, "", SpanDraft.OTHER, 0);
    }

    /** Any value, through the reference path's own cut and rendering: for the rare arrays and maps. */
    static void any(SpanDraft draft, AttributeSanitizer sanitizer, int maxAttributes, String key, AnyValue value) {
        AnyValue cut = sanitizer.cut(value);
        String rendered = AnyValues.render(cut);
        switch (cut.getValueCase()) {
            case STRING_VALUE -> draft.attribute(maxAttributes, key, rendered, SpanDraft.STRING, 0);
            case INT_VALUE -> draft.attribute(maxAttributes, key, rendered, SpanDraft.NUMBER, cut.getIntValue());
            case DOUBLE_VALUE -> draft.attribute(maxAttributes, key, rendered, SpanDraft.NUMBER, cut.getDoubleValue());
            default -> draft.attribute(maxAttributes, key, rendered, SpanDraft.OTHER, 0);
        }
    }
}
