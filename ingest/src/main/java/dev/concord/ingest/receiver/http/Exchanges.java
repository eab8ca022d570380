package dev.concord.ingest.receiver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.concord.ingest.otlp.PayloadFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing answers: every answer has a length, a content type, and closes the exchange. */
final class Exchanges {

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
     * An error answer to a request whose body was not read to the end. The connection is closed after it, so that a
     * client reusing the connection does not send its next request into the rest of this body.
     */
    static void refuse(HttpExchange exchange, int httpCode, PayloadFormat format, int rpcCode, String message)
            throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        sendStatus(exchange, httpCode, format, rpcCode, message);
    }

    static void sendText(HttpExchange exchange, int code, String text) throws IOException {
        send(exchange, code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
