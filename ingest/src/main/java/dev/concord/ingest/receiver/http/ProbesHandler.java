package dev.concord.ingest.receiver.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.Principal;
import dev.concord.ingest.receiver.probe.ProbeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/probes}: answers 200 with {@code {"accepted":N,"rejected":M,"errors":[{"index":I,"message":"..."}]}}
 * as long as the body is a JSON array, so one bad item never costs the others; 400 when it is not.
 */
final class ProbesHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProbesHandler.class);

    private static final JsonFactory JSON = new JsonFactory();

    private final HttpContextSettings settings;
    private final ProbeJson probes;

    ProbesHandler(HttpContextSettings settings, ProbeJson probes) {
        this.settings = settings;
        this.probes = probes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        int code = 499;
        try {
            code = answer(exchange);
        } catch (IOException e) {
            code = 499;
        } finally {
            exchange.close();
            settings.metrics().answered(OtlpSignal.TRACES, "http-probes", code, System.nanoTime() - started);
        }
    }

    private int answer(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Exchanges.sendText(exchange, 405, "use POST");
            return 405;
        }
        Optional<Principal> principal = settings.authenticator()
                .authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (principal.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            Exchanges.refuse(
                    exchange, 401, PayloadFormat.JSON, RpcStatus.UNAUTHENTICATED, "missing or invalid bearer token");
            return 401;
        }
        if (PayloadFormat.ofContentType(exchange.getRequestHeaders().getFirst("Content-Type"))
                .filter(f -> f == PayloadFormat.JSON)
                .isEmpty()) {
            Exchanges.refuse(exchange, 415, PayloadFormat.JSON, RpcStatus.INVALID_ARGUMENT, "use application/json");
            return 415;
        }
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        try (AdmittedBody admitted = AdmittedBody.read(exchange, settings, gzip, PayloadFormat.JSON)) {
            if (admitted.answered() != 0) {
                return admitted.answered();
            }
            BodyReader.Body body = admitted.body();
            ProbeJson.Parsed parsed;
            try {
                parsed = probes.parse(body.buffer(), body.length());
            } catch (MalformedOtlpException e) {
                Exchanges.sendStatus(exchange, 400, PayloadFormat.JSON, RpcStatus.INVALID_ARGUMENT, e.getMessage());
                return 400;
            }
            Ingestor.Result result = settings.ingestor().export(OtlpSignal.TRACES, parsed.request(), principal.get());
            if (!result.delivered()) {
                exchange.getResponseHeaders().set("Retry-After", settings.retryAfterSeconds());
                Exchanges.sendStatus(
                        exchange,
                        503,
                        PayloadFormat.JSON,
                        RpcStatus.UNAVAILABLE,
                        "the sink did not take the data in time; retry later");
                return 503;
            }
            Exchanges.send(exchange, 200, PayloadFormat.JSON.mediaType(), answer(parsed, result));
            return 200;
        }
    }

    private static byte[] answer(ProbeJson.Parsed parsed, Ingestor.Result result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("accepted", result.report().accepted());
            json.writeNumberField(
                    "rejected", parsed.errors().size() + result.report().rejectedTotal());
            json.writeArrayFieldStart("errors");
            for (ProbeJson.ItemError error : parsed.errors()) {
                json.writeStartObject();
                json.writeNumberField("index", error.index());
                json.writeStringField("message", error.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (result.report().rejectedTotal() > 0) {
                json.writeStringField("message", result.report().rejectionMessage());
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
