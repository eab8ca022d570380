package dev.concord.ingest.decode;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** OTLP attribute values rendered as the strings of the canonical model; arrays and maps as compact JSON. */
public final class AnyValues {

    private AnyValues() {}

    public static String render(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE ->
                Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> {
                StringBuilder out = new StringBuilder();
                renderJson(value, out);
                yield out.toString();
            }
            default -> "";
        };
    }

    /** Flattens a key-value list into a map; a later duplicate key wins, as in the SDKs. */
    public static Map<String, String> toMap(List<KeyValue> attributes) {
        Map<String, String> map = new HashMap<>(Math.max(4, attributes.size() * 2));
        for (KeyValue attribute : attributes) {
            map.put(attribute.getKey(), render(attribute.getValue()));
        }
        return map;
    }

    private static void renderJson(AnyValue value, StringBuilder out) {
        switch (value.getValueCase()) {
            case STRING_VALUE, BYTES_VALUE -> quote(render(value), out);
            case ARRAY_VALUE -> {
                out.append('[');
                List<AnyValue> values = value.getArrayValue().getValuesList();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    renderJson(values.get(i), out);
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                out.append('{');
                List<KeyValue> values = value.getKvlistValue().getValuesList();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    quote(values.get(i).getKey(), out);
                    out.append(':');
                    renderJson(values.get(i).getValue(), out);
                }
                out.append('}');
            }
            case VALUE_NOT_SET -> out.append("null");
            default -> out.append(render(value));
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
