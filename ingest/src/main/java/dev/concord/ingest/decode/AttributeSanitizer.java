package dev.concord.ingest.decode;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/** Trims attribute lists to the limits: too many attributes are dropped (and counted), too long values are cut. */
final class AttributeSanitizer {

    private final DecodeLimits limits;

    AttributeSanitizer(DecodeLimits limits) {
        this.limits = limits;
    }

    /** The number of attributes {@link #trim} drops from a list of this size. */
    int dropped(int size) {
        return Math.max(0, size - limits.maxAttributes());
    }

    /** The list itself when within limits (the common case costs no copy), otherwise a trimmed copy. */
    List<KeyValue> trim(List<KeyValue> attributes, DecodeReport report) {
        int keep = Math.min(attributes.size(), limits.maxAttributes());
        List<KeyValue> out = null;
        int truncated = 0;
        for (int i = 0; i < keep; i++) {
            KeyValue attribute = attributes.get(i);
            AnyValue value = attribute.getValue();
            AnyValue cut = cut(value);
            if (cut != value) {
                truncated++;
                if (out == null) {
                    out = new ArrayList<>(attributes.subList(0, i));
                }
                out.add(attribute.toBuilder().setValue(cut).build());
            } else if (out != null) {
                out.add(attribute);
            }
        }
        report.adjust(Adjustment.ATTRIBUTE_VALUE_TRUNCATED, truncated);
        int dropped = dropped(attributes.size());
        report.adjust(Adjustment.ATTRIBUTES_DROPPED, dropped);
        if (out == null) {
            return dropped == 0 ? attributes : attributes.subList(0, keep);
        }
        return out;
    }

    AnyValue cut(AnyValue value) {
        int max = limits.maxAttributeValueLength();
        switch (value.getValueCase()) {
            case STRING_VALUE -> {
                String text = value.getStringValue();
                return text.length() <= max
                        ? value
                        : AnyValue.newBuilder()
                                .setStringValue(truncate(text, max))
                                .build();
            }
            case BYTES_VALUE -> {
                ByteString bytes = value.getBytesValue();
                return bytes.size() <= max
                        ? value
                        : AnyValue.newBuilder()
                                .setBytesValue(bytes.substring(0, max))
                                .build();
            }
            case ARRAY_VALUE, KVLIST_VALUE -> {
                // nested values are rare; one whose encoding is too large becomes its truncated rendering
                return value.getSerializedSize() <= max
                        ? value
                        : AnyValue.newBuilder()
                                .setStringValue(truncate(AnyValues.render(value), max))
                                .build();
            }
            default -> {
                return value;
            }
        }
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
