package dev.concord.ingest.decode;

import java.util.Arrays;

/**
 * One span as a fast trace reader reads it, before it becomes a canonical record: reused for every span of a request
 * so reading allocates only what the record keeps. Attributes past the limit are counted but not kept, as the
 * sanitizer drops them; kept values are already cut to the limit and rendered.
 */
final class SpanDraft {

    /** The type of an attribute value, for the adjusted count, which reads numbers and strings differently. */
    static final byte OTHER = 0;

    static final byte STRING = 1;
    static final byte NUMBER = 2;

    String traceId;
    int traceIdBytes;
    String spanId;
    int spanIdBytes;
    String parentSpanId;
    int parentSpanIdBytes;
    String traceState;
    String name;
    int kind;
    long start;
    long end;
    int statusCode;
    String statusMessage;

    int attributeCount;
    String[] keys = new String[16];
    String[] rendered = new String[16];
    byte[] types = new byte[16];
    double[] numbers = new double[16];

    void clear() {
        traceId = "";
        traceIdBytes = 0;
        spanId = "";
        spanIdBytes = 0;
        parentSpanId = "";
        parentSpanIdBytes = 0;
        traceState = "";
        name = "";
        kind = 0;
        start = 0;
        end = 0;
        clearStatus();
        attributeCount = 0;
    }

    void clearStatus() {
        statusCode = 0;
        statusMessage = "";
    }

    /** Adds an attribute; beyond {@code max} attributes only the count grows. */
    void attribute(int max, String key, String value, byte type, double number) {
        int index = attributeCount++;
        if (index >= max) {
            return;
        }
        if (index == keys.length) {
            int grown = keys.length * 2;
            keys = Arrays.copyOf(keys, grown);
            rendered = Arrays.copyOf(rendered, grown);
            types = Arrays.copyOf(types, grown);
            numbers = Arrays.copyOf(numbers, grown);
        }
        keys[index] = key;
        rendered[index] = value;
        types[index] = type;
        numbers[index] = number;
    }

    int keptAttributes(int max) {
        return Math.min(attributeCount, max);
    }
}
