package dev.concord.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes OTLP messages as OTLP/JSON, the way the OpenTelemetry Collector does: lowerCamelCase keys, hex trace and
 * span ids, enums as integers, 64-bit integers as strings, fields at their default value left out.
 */
public final class OtlpJsonWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private OtlpJsonWriter() {}

    public static byte[] toJson(MessageOrBuilder message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(message, out);
        return out.toByteArray();
    }

    /** Writes one JSON object without a trailing newline; the stream stays open. */
    public static void write(MessageOrBuilder message, OutputStream out) {
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeMessage(generator, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMessage(JsonGenerator generator, MessageOrBuilder message) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            generator.writeFieldName(field.getJsonName());
            if (field.isRepeated()) {
                generator.writeStartArray();
                for (Object item : (List<?>) entry.getValue()) {
                    writeValue(generator, field, item);
                }
                generator.writeEndArray();
            } else {
                writeValue(generator, field, entry.getValue());
            }
        }
        generator.writeEndObject();
    }

    private static void writeValue(JsonGenerator generator, FieldDescriptor field, Object value) throws IOException {
        switch (field.getType()) {
            case MESSAGE, GROUP -> writeMessage(generator, (MessageOrBuilder) value);
            case INT64, SINT64, SFIXED64 -> generator.writeString(Long.toString((Long) value));
            case UINT64, FIXED64 -> generator.writeString(Long.toUnsignedString((Long) value));
            case UINT32, FIXED32 -> generator.writeNumber(Integer.toUnsignedLong((Integer) value));
            case INT32, SINT32, SFIXED32 -> generator.writeNumber((Integer) value);
            case BOOL -> generator.writeBoolean((Boolean) value);
            case STRING -> generator.writeString((String) value);
            case ENUM -> generator.writeNumber(((EnumValueDescriptor) value).getNumber());
            case DOUBLE -> writeDouble(generator, (Double) value);
            case FLOAT -> writeDouble(generator, ((Float) value).doubleValue());
            case BYTES -> generator.writeString(bytes(field, (ByteString) value));
        }
    }

    private static void writeDouble(JsonGenerator generator, double value) throws IOException {
        if (Double.isNaN(value)) {
            generator.writeString("NaN");
        } else if (Double.isInfinite(value)) {
            generator.writeString(value > 0 ? "Infinity" : "-Infinity");
        } else {
            generator.writeNumber(value);
        }
    }

    private static String bytes(FieldDescriptor field, ByteString value) {
        String name = field.getName();
        if (name.equals("trace_id") || name.equals("span_id") || name.equals("parent_span_id")) {
            return HexIds.toHex(value);
        }
        return Base64.getEncoder().encodeToString(value.toByteArray());
    }
}
