package dev.concord.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads OTLP/JSON into the OTLP protobuf messages. OTLP/JSON is not protobuf's stock JSON mapping: trace and span ids
 * are hex (protobuf's {@code JsonFormat} would read them as base64 and get them wrong), enums are integers (names are
 * accepted too), keys are lowerCamelCase (the proto names are accepted too), unknown fields are ignored, 64-bit
 * integers come as strings or numbers. Driven by the message descriptors, so one reader serves every signal.
 */
public final class OtlpJsonReader {

    /** Deeper than any OTLP message with reasonably nested attribute values; stops stack exhaustion by crafted input. */
    private static final int MAX_NESTING_DEPTH = 128;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build();

    private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new ConcurrentHashMap<>();

    private OtlpJsonReader() {}

    /** Merges the JSON document into the builder; an empty document is an empty request. */
    public static void merge(byte[] json, Message.Builder builder) throws MalformedOtlpException {
        merge(json, 0, json.length, builder);
    }

    public static void merge(byte[] json, int offset, int length, Message.Builder builder)
            throws MalformedOtlpException {
        try (JsonParser parser = JSON.createParser(json, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            readMessage(parser, builder);
            if (parser.nextToken() != null) {
                throw new MalformedOtlpException("unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedOtlpException("invalid JSON", e);
        } catch (IOException | RuntimeException e) {
            // protobuf's reflection rejects type mismatches with runtime exceptions; they are bad input here
            throw new MalformedOtlpException("invalid OTLP/JSON", e);
        }
    }

    private static void readMessage(JsonParser parser, Message.Builder builder)
            throws IOException, MalformedOtlpException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedOtlpException("expected a JSON object for "
                    + builder.getDescriptorForType().getName() + ", got " + parser.currentToken());
        }
        Map<String, FieldDescriptor> fields = fields(builder);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            FieldDescriptor field = fields.get(parser.currentName());
            parser.nextToken();
            readField(parser, builder, field);
        }
    }

    /**
     * A parser for OTLP/JSON with the same limits as {@link #merge}, for readers that map OTLP/JSON straight to other
     * types and use {@link #readField} for the fields they do not map themselves.
     */
    public static JsonParser parser(byte[] json, int offset, int length) throws IOException {
        return JSON.createParser(json, offset, length);
    }

    /**
     * Reads the value of the field named {@code name} of {@code builder}'s message, the parser standing on the value's
     * first token, exactly as {@link #merge} reads it: an unknown name is skipped, null is absent, a repeated field
     * appends, a singular one replaces. Protobuf's reflection rejects type mismatches with runtime exceptions.
     */
    public static void readField(JsonParser parser, Message.Builder builder, String name)
            throws IOException, MalformedOtlpException {
        readField(parser, builder, fields(builder).get(name));
    }

    private static Map<String, FieldDescriptor> fields(Message.Builder builder) {
        return FIELDS.computeIfAbsent(builder.getDescriptorForType(), OtlpJsonReader::index);
    }

    private static void readField(JsonParser parser, Message.Builder builder, FieldDescriptor field)
            throws IOException, MalformedOtlpException {
        JsonToken token = parser.currentToken();
        if (field == null) {
            parser.skipChildren();
            return;
        }
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (field.isRepeated()) {
            if (token != JsonToken.START_ARRAY) {
                throw new MalformedOtlpException("expected an array for " + field.getJsonName());
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                builder.addRepeatedField(field, readValue(parser, builder, field));
            }
        } else {
            builder.setField(field, readValue(parser, builder, field));
        }
    }

    private static Object readValue(JsonParser parser, Message.Builder parent, FieldDescriptor field)
            throws IOException, MalformedOtlpException {
        JsonToken token = parser.currentToken();
        switch (field.getJavaType()) {
            case MESSAGE -> {
                Message.Builder child = parent.newBuilderForField(field);
                readMessage(parser, child);
                return child.build();
            }
            case STRING -> {
                expect(token == JsonToken.VALUE_STRING, field, "a string");
                return parser.getText();
            }
            case BOOLEAN -> {
                expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, field, "true or false");
                return token == JsonToken.VALUE_TRUE;
            }
            case INT -> {
                return (int) readLong(parser, field);
            }
            case LONG -> {
                return readLong(parser, field);
            }
            case DOUBLE -> {
                return readDouble(parser, field);
            }
            case FLOAT -> {
                return (float) readDouble(parser, field);
            }
            case BYTE_STRING -> {
                expect(token == JsonToken.VALUE_STRING, field, "a string");
                return readBytes(parser.getText(), field);
            }
            case ENUM -> {
                return readEnum(parser, field);
            }
            default -> throw new MalformedOtlpException("unsupported field type of " + field.getJsonName());
        }
    }

    private static long readLong(JsonParser parser, FieldDescriptor field) throws IOException, MalformedOtlpException {
        boolean unsigned = isUnsigned(field);
        JsonToken token = parser.currentToken();
        try {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return unsigned ? parser.getBigIntegerValue().longValue() : parser.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getText().trim();
                return unsigned ? Long.parseUnsignedLong(text) : Long.parseLong(text);
            }
        } catch (NumberFormatException | JsonProcessingException e) {
            throw new MalformedOtlpException(field.getJsonName() + " is not a 64-bit integer", e);
        }
        throw new MalformedOtlpException(field.getJsonName() + " must be an integer (number or string)");
    }

    private static double readDouble(JsonParser parser, FieldDescriptor field)
            throws IOException, MalformedOtlpException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText().trim();
            return switch (text) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> {
                    try {
                        yield Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new MalformedOtlpException(field.getJsonName() + " is not a number", e);
                    }
                }
            };
        }
        throw new MalformedOtlpException(field.getJsonName() + " must be a number");
    }

    private static ByteString readBytes(String text, FieldDescriptor field) throws MalformedOtlpException {
        String name = field.getName();
        if (name.equals("trace_id")) {
            return HexIds.fromHex(text, 16, field.getJsonName());
        }
        if (name.equals("span_id") || name.equals("parent_span_id")) {
            return HexIds.fromHex(text, 8, field.getJsonName());
        }
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new MalformedOtlpException(field.getJsonName() + " is not base64", e);
        }
    }

    private static Object readEnum(JsonParser parser, FieldDescriptor field)
            throws IOException, MalformedOtlpException {
        EnumDescriptor type = field.getEnumType();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return type.findValueByNumberCreatingIfUnknown(parser.getIntValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            Object value = type.findValueByName(parser.getText());
            if (value != null) {
                return value;
            }
        }
        throw new MalformedOtlpException(field.getJsonName() + " is not a valid " + type.getName());
    }

    private static boolean isUnsigned(FieldDescriptor field) {
        return switch (field.getType()) {
            case UINT64, FIXED64, UINT32, FIXED32 -> true;
            default -> false;
        };
    }

    private static void expect(boolean condition, FieldDescriptor field, String what) throws MalformedOtlpException {
        if (!condition) {
            throw new MalformedOtlpException(field.getJsonName() + " must be " + what);
        }
    }

    private static Map<String, FieldDescriptor> index(Descriptor descriptor) {
        Map<String, FieldDescriptor> byName = new HashMap<>();
        for (FieldDescriptor field : descriptor.getFields()) {
            byName.put(field.getName(), field);
            byName.put(field.getJsonName(), field);
        }
        return Map.copyOf(byName);
    }
}
