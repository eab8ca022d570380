package dev.concord.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves the local Alertmanager accepts alerts the way Concord sends them and that the checked-in routing tree and
 * inhibition rule (local-services/alertmanager/alertmanager.yml) do what they say: notifications are caught by a
 * webhook this test runs, and the URL path they arrive on names the route.
 */
@RequiresServices(Service.ALERTMANAGER)
final class AlertmanagerSmokeIT {

    /** Both receivers in alertmanager.yml post to this port. */
    private static final int WEBHOOK_PORT = 19099;

    // group_wait is 100 ms and group_interval 1 s; the margin covers a slow machine, not the expected case.
    private static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebhookReceiver webhook;
    private static String alertmanagerUrl;

    @BeforeAll
    static void startWebhook(ServiceEndpoints endpoints) throws IOException {
        alertmanagerUrl = endpoints.alertmanagerUrl();
        webhook = WebhookReceiver.start(WEBHOOK_PORT);
    }

    @AfterAll
    static void stopWebhook() {
        if (webhook != null) {
            webhook.close();
        }
    }

    @ParameterizedTest(name = "severity={0} goes to receiver {1}")
    @CsvSource({"page, page", "critical, page", "ticket, default"})
    void alertFiresAndResolvesOnItsRoute(String severity, String receiver) throws Exception {
        String id = uniqueId();
        String alertname = "ConcordSmoke" + id;
        Map<String, String> labels =
                Map.of("alertname", alertname, "severity", severity, "slo", "smoke-" + id, "transaction", "checkout");
        // Set in the past so that the resolving endsAt below can also be in the past and still follow it.
        Instant startsAt = Instant.now().minusSeconds(60);
        Instant endsAt = null;
        try {
            postAlerts(alert(labels, startsAt, null));
            Notification firing = webhook.await(alertname, "firing");
            assertThat(firing.path()).isEqualTo("/" + receiver);
            assertThat(firing.body().path("receiver").asText()).isEqualTo(receiver);
            assertThat(firing.body().path("groupLabels").path("alertname").asText())
                    .isEqualTo(alertname);
            assertThat(firing.body().path("alerts")).hasSize(1);
            JsonNode firingAlert = firing.body().path("alerts").get(0);
            assertThat(firingAlert.path("status").asText()).isEqualTo("firing");
            assertThat(stringMap(firingAlert.path("labels"))).containsExactlyInAnyOrderEntriesOf(labels);
            assertThat(firingAlert.path("annotations").path("summary").asText()).isEqualTo("smoke test " + alertname);

            endsAt = Instant.now().minusSeconds(1);
            postAlerts(alert(labels, startsAt, endsAt));
            Notification resolved = webhook.await(alertname, "resolved");
            assertThat(resolved.path()).isEqualTo("/" + receiver);
            assertThat(resolved.body().path("alerts")).hasSize(1);
            JsonNode resolvedAlert = resolved.body().path("alerts").get(0);
            assertThat(resolvedAlert.path("status").asText()).isEqualTo("resolved");
            assertThat(stringMap(resolvedAlert.path("labels"))).containsExactlyInAnyOrderEntriesOf(labels);
            assertThat(Instant.parse(resolvedAlert.path("endsAt").asText())).isEqualTo(endsAt);
        } finally {
            if (endsAt == null) {
                // A failed run must not leave an active alert behind for the next runs to trip over.
                postAlerts(alert(labels, startsAt, Instant.now().minusSeconds(1)));
            }
        }
    }

    @Test
    void pageInhibitsTheTicketOfTheSameSloOnly() throws Exception {
        String id = uniqueId();
        String alertname = "ConcordSmoke" + id;
        String slo = "smoke-" + id;
        Instant startsAt = Instant.now().minusSeconds(60);
        Map<String, String> page =
                Map.of("alertname", alertname, "severity", "page", "slo", slo, "transaction", "checkout");
        Map<String, String> ticket =
                Map.of("alertname", alertname, "severity", "ticket", "slo", slo, "transaction", "checkout");
        Map<String, String> otherTicket =
                Map.of("alertname", alertname, "severity", "ticket", "slo", slo, "transaction", "refund");

        postAlerts(alert(page, startsAt, null), alert(ticket, startsAt, null), alert(otherTicket, startsAt, null));
        try {
            JsonNode pageState = awaitAlertState(page, "active");
            JsonNode ticketState = awaitAlertState(ticket, "suppressed");
            assertThat(ticketState.path("status").path("inhibitedBy"))
                    .extracting(JsonNode::asText)
                    .containsExactly(pageState.path("fingerprint").asText());
            awaitAlertState(otherTicket, "active");
        } finally {
            Instant endsAt = Instant.now().minusSeconds(1);
            postAlerts(
                    alert(page, startsAt, endsAt),
                    alert(ticket, startsAt, endsAt),
                    alert(otherTicket, startsAt, endsAt));
        }
    }

    /**
     * Unique per call and used in alertname and slo, so nothing an earlier run or test left in Alertmanager can match
     * a notification or inhibit an alert.
     */
    private static String uniqueId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static ObjectNode alert(Map<String, String> labels, Instant startsAt, Instant endsAt) {
        ObjectNode alert = JSON.createObjectNode();
        ObjectNode labelsNode = alert.putObject("labels");
        labels.forEach(labelsNode::put);
        alert.putObject("annotations").put("summary", "smoke test " + labels.get("alertname"));
        alert.put("startsAt", startsAt.toString());
        if (endsAt != null) {
            alert.put("endsAt", endsAt.toString());
        }
        alert.put("generatorURL", "http://127.0.0.1/concord-smoke-test");
        return alert;
    }

    private static void postAlerts(ObjectNode... alerts) throws IOException, InterruptedException {
        ArrayNode body = JSON.createArrayNode().addAll(List.of(alerts));
        URI uri = URI.create(alertmanagerUrl + "/api/v2/alerts");
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST %s: %s", uri, response.body())
                .isEqualTo(200);
    }

    /** Polls Alertmanager's own view of the alert with exactly these labels until it reaches the state. */
    private static JsonNode awaitAlertState(Map<String, String> labels, String state) throws Exception {
        List<String> filters = new ArrayList<>();
        labels.forEach((name, value) ->
                filters.add("filter=" + URLEncoder.encode(name + "=\"" + value + "\"", StandardCharsets.UTF_8)));
        URI uri = URI.create(alertmanagerUrl + "/api/v2/alerts?" + String.join("&", filters));
        long deadline = System.nanoTime() + NOTIFICATION_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET %s: %s", uri, response.body())
                    .isEqualTo(200);
            last = response.body();
            Optional<JsonNode> match = Optional.empty();
            for (JsonNode alert : JSON.readTree(last)) {
                if (stringMap(alert.path("labels")).equals(labels)) {
                    match = Optional.of(alert);
                }
            }
            if (match.isPresent()
                    && state.equals(match.get().path("status").path("state").asText())) {
                return match.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("alert " + labels + " did not reach state " + state + " within " + NOTIFICATION_TIMEOUT
                + "; last: " + last);
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        object.properties()
                .forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    private record Notification(String path, JsonNode body) {}

    /** Records every webhook notification Alertmanager posts; tests pick theirs out by alertname. */
    private static final class WebhookReceiver implements AutoCloseable {

        private final HttpServer server;
        private final List<Notification> received = new CopyOnWriteArrayList<>();

        private WebhookReceiver(HttpServer server) {
            this.server = server;
        }

        static WebhookReceiver start(int port) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
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
        }

        Notification await(String alertname, String status) throws InterruptedException {
            Predicate<Notification> wanted = n -> alertname.equals(
                            n.body().path("groupLabels").path("alertname").asText())
                    && status.equals(n.body().path("status").asText());
            long deadline = System.nanoTime() + NOTIFICATION_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<Notification> match = received.stream().filter(wanted).findFirst();
                if (match.isPresent()) {
                    return match.get();
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no " + status + " notification for " + alertname + " within "
                    + NOTIFICATION_TIMEOUT + "; received: " + received);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
