package dev.concord.ingest.receiver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.concord.ingest.otlp.PayloadFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing answers: every answer has a length, a content type, and closes the exchange. */
final class Exchanges {

    /** Bodies are discarded up to a little more than the default body limit, so a refused 20 MiB upload is answered. */
    static final long DRAIN_LIMIT_BYTES = 32L * 1024 * 1024;

    private Exchanges() {}

    static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void sendStatus(HttpExchange exchange, int httpCode, PayloadFormat format, int rpcCode, String message)
            throws IOException {
        send(exchange, httpCode, format.mediaType(), RpcStatus.encode(format, rpcCode, message));
    }

    /**
     * An error answer to a request whose body was not read to the end. The rest of the body is read and discarded
     * first (up to a bound, in a small buffer), because a server that answers and closes while the client is still
     * sending makes the client lose the answer to a connection reset. Past the bound the connection is closed after
     * the answer.
     */
    static void refuse(HttpExchange exchange, int httpCode, PayloadFormat format, int rpcCode, String message)
            throws IOException {
        if (!drain(exchange.getRequestBody())) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        sendStatus(exchange, httpCode, format, rpcCode, message);
    }

    /** Reads and discards up to {@link #DRAIN_LIMIT_BYTES}; true when the body ended within it. */
    private static boolean drain(InputStream body) {
        byte[] scratch = new byte[16 * 1024];
        long drained = 0;
        try {
            int read;
            while ((read = body.read(scratch)) >= 0) {
                drained += read;
                if (drained > DRAIN_LIMIT_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sendText(HttpExchange exchange, int code, String text) throws IOException {
        send(exchange, code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
