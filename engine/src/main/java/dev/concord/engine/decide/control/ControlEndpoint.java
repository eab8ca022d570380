package dev.concord.engine.decide.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.concord.engine.decide.ControlChannel;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.ingest.receiver.Authenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators confirm pending decisions over HTTP:
 *
 * <ul>
 *   <li>{@code POST /v1/decisions/{decision_id}/confirm} with {@code {"by": NAME, "reason": TEXT}}: 202 when the
 *       confirmation is in the control stream, 404 for a decision the job has not recorded, 409 for one that is not
 *       pending confirmation (with its state), 400 for a body without {@code by};
 *   <li>{@code GET /v1/decisions}: the decisions pending confirmation.
 * </ul>
 *
 * Every request needs a bearer token of the tokens file (401 otherwise). An accepted confirmation is written to the
 * control directory exactly as {@code concord confirm} writes it, so both paths are one control stream, stamped with
 * the endpoint's clock. The decision id may be given with its slashes or percent-encoded.
 */
public final class ControlEndpoint implements AutoCloseable {

    static final String PREFIX = "/v1/decisions";
    static final String CONFIRM_SUFFIX = "/confirm";
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ControlEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final Authenticator authenticator;
    private final Path controlDirectory;
    private final Clock clock;
    private final PendingDecisions decisions;

    private ControlEndpoint(
            HttpServer server,
            Authenticator authenticator,
            Path controlDirectory,
            Clock clock,
            PendingDecisions decisions) {
        this.server = server;
        this.authenticator = authenticator;
        this.controlDirectory = controlDirectory;
        this.clock = clock;
        this.decisions = decisions;
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "concord-control-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext(PREFIX, this::handle);
    }

    /** Starts serving; {@code port} 0 picks a free port. */
    public static ControlEndpoint start(
            InetSocketAddress address,
            Authenticator authenticator,
            Path controlDirectory,
            Clock clock,
            PendingDecisions decisions)
            throws IOException {
        ControlEndpoint endpoint =
                new ControlEndpoint(HttpServer.create(address, 0), authenticator, controlDirectory, clock, decisions);
        endpoint.server.start();
        LOG.info("control endpoint listening on {}", endpoint.server.getAddress());
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (authenticator
                    .authenticate(exchange.getRequestHeaders().getFirst("Authorization"))
                    .isEmpty()) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                respond(exchange, 401, error("a valid bearer token is required"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
                if (!method.equals("GET")) {
                    exchange.getResponseHeaders().add("Allow", "GET");
                    respond(exchange, 405, error("use GET"));
                    return;
                }
                respond(exchange, 200, pending());
            } else if (path.startsWith(PREFIX + "/") && path.endsWith(CONFIRM_SUFFIX)) {
                if (!method.equals("POST")) {
                    exchange.getResponseHeaders().add("Allow", "POST");
                    respond(exchange, 405, error("use POST"));
                    return;
                }
                String id = URLDecoder.decode(
                        path.substring(PREFIX.length() + 1, path.length() - CONFIRM_SUFFIX.length()),
                        StandardCharsets.UTF_8);
                confirm(exchange, id);
            } else {
                respond(exchange, 404, error("no such resource"));
            }
        } catch (RuntimeException e) {
            // a request must never take the endpoint, let alone the job, down
            LOG.warn("control endpoint: request failed: {}", e.toString());
        }
    }

    private void confirm(HttpExchange exchange, String decisionId) throws IOException {
        JsonNode body = body(exchange);
        if (body == null
                || !body.path("by").isTextual()
                || body.path("by").asText().isBlank()) {
            respond(exchange, 400, error("the body must be a JSON object with \"by\": who confirms"));
            return;
        }
        Optional<PendingDecisions.Known> known = decisions.get(decisionId);
        if (known.isEmpty()) {
            respond(exchange, 404, error("no decision " + decisionId));
            return;
        }
        if (known.get().state() != DecisionState.PENDING_CONFIRMATION) {
            ObjectNode conflict =
                    error("decision " + decisionId + " is " + known.get().state() + ", not pending");
            conflict.put("state", known.get().state().name());
            respond(exchange, 409, conflict);
            return;
        }
        String by = body.path("by").asText().strip();
        String reason = body.path("reason").isTextual() ? body.path("reason").asText() : "";
        Instant at = clock.instant();
        ControlChannel.write(controlDirectory, new OperatorConfirmation(decisionId, by, reason, at.toEpochMilli()));
        LOG.info("confirmation of {} by {} accepted", decisionId, by);
        ObjectNode accepted = JSON.createObjectNode();
        accepted.put("decision_id", decisionId);
        accepted.put("by", by);
        accepted.put("at", at.toString());
        respond(exchange, 202, accepted);
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                return null;
            }
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return null;
        }
    }

    private ObjectNode pending() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("pending");
        for (PendingDecisions.Known known : decisions.pending()) {
            ObjectNode item = list.addObject();
            item.put("decision_id", known.decisionId());
            item.put("policy", known.policy());
            item.put("action", known.action());
            item.put("event_time", known.eventTime());
        }
        return root;
    }

    private static ObjectNode error(String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        return node;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
