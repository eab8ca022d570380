package dev.concord.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.concord.services.CommandLineTools;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real Alertmanager running deploy/alertmanager/alertmanager.yml as shipped (routes, grouping, inhibit rules), its
 * two webhooks pointed at a receiver this class runs and its waits shortened, on free ports: the shared service runs
 * the test configuration, which has no decision rules, and its webhook port belongs to another test.
 */
public final class PrivateAlertmanager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One webhook call: the path names the receiver it came through ({@code /page}, {@code /ticket}). */
    public record Notification(String path, JsonNode body) {}

    private final HttpServer webhook;
    private final Process process;
    private final String url;
    private final List<Notification> received;

    private PrivateAlertmanager(HttpServer webhook, Process process, String url, List<Notification> received) {
        this.webhook = webhook;
        this.process = process;
        this.url = url;
        this.received = received;
    }

    public static PrivateAlertmanager start(Path dir) throws Exception {
        String binary = CommandLineTools.require("prometheus-alertmanager");
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<Notification> received = new CopyOnWriteArrayList<>();
        webhook.createContext("/", exchange -> {
            try (exchange;
                    InputStream body = exchange.getRequestBody()) {
                received.add(new Notification(exchange.getRequestURI().getPath(), JSON.readTree(body)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort();
        String config = Files.readString(CommandLineTools.repoRoot().resolve("deploy/alertmanager/alertmanager.yml"))
                .replace("http://oncall-webhook:9099", hook)
                .replace("http://ticket-webhook:9099", hook)
                .replaceAll("group_wait: \\S+", "group_wait: 100ms")
                .replaceAll("group_interval: \\S+", "group_interval: 1s");
        Files.createDirectories(dir);
        Path file = dir.resolve("alertmanager.yml");
        Files.writeString(file, config);
        int port = freePort();
        Process process = new ProcessBuilder(
                        binary,
                        "--config.file=" + file,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        PrivateAlertmanager alertmanager =
                new PrivateAlertmanager(webhook, process, "http://127.0.0.1:" + port, received);
        try {
            alertmanager.awaitReady(dir);
        } catch (Exception | AssertionError e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    public String url() {
        return url;
    }

    private void awaitReady(Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
            }
            try {
                HttpResponse<String> ready = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alertmanager not ready: " + Files.readString(dir.resolve("alertmanager.log")));
    }

    /** The alerts Alertmanager holds that match the label filter, with their status (active or suppressed). */
    public List<JsonNode> alerts(String filter) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                url + "/api/v2/alerts?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    /** The first alert of a notification on the path that matches, waiting up to the timeout. */
    public JsonNode awaitNotified(String path, Predicate<JsonNode> alert, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> match = notified(path).stream().filter(alert).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching alert on " + path + " within " + timeout + "; received: " + received);
    }

    /** Every alert of every notification on the path. */
    public List<JsonNode> notified(String path) {
        List<JsonNode> alerts = new ArrayList<>();
        for (Notification n : received) {
            if (n.path().equals(path)) {
                n.body().path("alerts").forEach(alerts::add);
            }
        }
        return alerts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
        webhook.stop(0);
    }
}
