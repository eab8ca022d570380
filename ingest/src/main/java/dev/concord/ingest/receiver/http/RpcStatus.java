package dev.concord.ingest.receiver.http;

import com.google.protobuf.CodedOutputStream;
import dev.concord.ingest.otlp.PayloadFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code google.rpc.Status} body OTLP/HTTP puts on error answers, encoded by hand: two fields do not justify a
 * dependency on the common-protos artifact.
 */
final class RpcStatus {

    static final int INVALID_ARGUMENT = 3;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;
    static final int UNIMPLEMENTED = 12;

    private RpcStatus() {}

    static byte[] encode(PayloadFormat format, int code, String message) {
        return format == PayloadFormat.JSON ? json(code, message) : protobuf(code, message);
    }

    private static byte[] protobuf(int code, String message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(int code, String message) {
        StringBuilder out = new StringBuilder("{\"code\":").append(code).append(",\"message\":\"");
        for (char c : message.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
