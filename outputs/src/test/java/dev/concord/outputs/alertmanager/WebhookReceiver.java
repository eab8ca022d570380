package dev.concord.outputs.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The webhook local-services/alertmanager/alertmanager.yml posts to: a fixed port shared by every worktree, so it
 * waits (bounded) for the port when another test holds it.
 */
final class WebhookReceiver implements AutoCloseable {

    static final int PORT = 19099;
    private static final Duration PORT_WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook call: the path names the receiver (route) it came through. */
    record Notification(String path, JsonNode body) {}

    private final HttpServer server;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
                WebhookReceiver receiver = new WebhookReceiver(server);
                server.createContext("/", exchange -> {
                    try (exchange;
                            InputStream body = exchange.getRequestBody()) {
                        receiver.received.add(
                                new Notification(exchange.getRequestURI().getPath(), JSON.readTree(body)));
                        exchange.sendResponseHeaders(200, -1);
                    }
                });
                server.start();
                return receiver;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("port " + PORT + " stayed busy for " + PORT_WAIT, e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** The first notification on the path with an alert matching the predicate, waiting up to the timeout. */
    JsonNode awaitAlert(String path, Predicate<JsonNode> alert, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> match = alertsOn(path).stream().filter(alert).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching alert on " + path + " within " + timeout + "; received: " + received);
    }

    /** Every alert of every notification on the path. */
    List<JsonNode> alertsOn(String path) {
        return received.stream()
                .filter(n -> n.path().equals(path))
                .flatMap(n -> {
                    List<JsonNode> alerts = new java.util.ArrayList<>();
                    n.body().path("alerts").forEach(alerts::add);
                    return alerts.stream();
                })
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
