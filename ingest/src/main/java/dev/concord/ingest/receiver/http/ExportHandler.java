package dev.concord.ingest.receiver.http;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpJsonWriter;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.OtlpResponses;
import dev.concord.ingest.receiver.Principal;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/traces|logs|metrics}. Checks run cheapest first, so refused requests cost little: method,
 * credentials (401), content type and encoding (415), declared length (413), queue (429), body read within the limit
 * (413), parse (400), then the sink (200, or 503 when it does not take the data in time).
 */
final class ExportHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExportHandler.class);

    private final OtlpSignal signal;
    private final HttpContextSettings settings;

    ExportHandler(OtlpSignal signal, HttpContextSettings settings) {
        this.signal = signal;
        this.settings = settings;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        int code;
        try {
            code = answer(exchange);
        } catch (IOException e) {
            // the client went away or sent a broken stream: nothing to answer, nothing to crash
            LOG.debug("Export request on {} failed: {}", signal.httpPath(), e.toString());
            code = 499;
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure on {}", signal.httpPath(), e);
            code = 500;
            Exchanges.sendStatus(exchange, 500, PayloadFormat.JSON, RpcStatus.INTERNAL, "internal error");
        } finally {
            exchange.close();
        }
        settings.metrics().answered(signal, HttpContextSettings.TRANSPORT, code, System.nanoTime() - started);
    }

    private int answer(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Exchanges.sendText(exchange, 405, "use POST");
            return 405;
        }
        Optional<PayloadFormat> requested =
                PayloadFormat.ofContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
        PayloadFormat answerFormat = requested.orElse(PayloadFormat.JSON);
        Optional<Principal> principal = settings.authenticator()
                .authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (principal.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            Exchanges.refuse(exchange, 401, answerFormat, RpcStatus.UNAUTHENTICATED, "missing or invalid bearer token");
            return 401;
        }
        if (requested.isEmpty()) {
            Exchanges.refuse(
                    exchange,
                    415,
                    answerFormat,
                    RpcStatus.INVALID_ARGUMENT,
                    "unsupported content type; use application/x-protobuf or application/json");
            return 415;
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        boolean gzip = "gzip".equalsIgnoreCase(encoding);
        if (encoding != null && !gzip && !"identity".equalsIgnoreCase(encoding)) {
            Exchanges.refuse(
                    exchange,
                    415,
                    answerFormat,
                    RpcStatus.INVALID_ARGUMENT,
                    "unsupported content encoding; use gzip or none");
            return 415;
        }
        if (declaredLength(exchange) > settings.maxBodyBytes()) {
            return tooLarge(exchange, answerFormat);
        }
        try (AdmittedBody admitted = AdmittedBody.read(exchange, settings, gzip, answerFormat)) {
            if (admitted.answered() != 0) {
                return admitted.answered();
            }
            BodyReader.Body body = admitted.body();
            settings.metrics().bytesRead(signal, HttpContextSettings.TRANSPORT, body.length());
            Message request;
            try {
                request = signal.parse(body.buffer(), body.length(), answerFormat);
            } catch (MalformedOtlpException e) {
                Exchanges.sendStatus(exchange, 400, answerFormat, RpcStatus.INVALID_ARGUMENT, e.getMessage());
                return 400;
            }
            Ingestor.Result result = settings.ingestor().export(signal, request, principal.get());
            if (!result.delivered()) {
                exchange.getResponseHeaders().set("Retry-After", settings.retryAfterSeconds());
                Exchanges.sendStatus(
                        exchange,
                        503,
                        answerFormat,
                        RpcStatus.UNAVAILABLE,
                        "the sink did not take the data in time; retry later");
                return 503;
            }
            Message response = OtlpResponses.success(
                    signal, result.report().rejectedTotal(), result.report().rejectionMessage());
            byte[] bytes =
                    answerFormat == PayloadFormat.JSON ? OtlpJsonWriter.toJson(response) : response.toByteArray();
            Exchanges.send(exchange, 200, answerFormat.mediaType(), bytes);
            return 200;
        }
    }

    private int tooLarge(HttpExchange exchange, PayloadFormat format) throws IOException {
        Exchanges.refuse(
                exchange,
                413,
                format,
                RpcStatus.INVALID_ARGUMENT,
                "the request body is larger than " + settings.maxBodyBytes() + " bytes");
        return 413;
    }

    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
