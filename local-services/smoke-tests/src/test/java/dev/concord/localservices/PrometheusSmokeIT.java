package dev.concord.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the local Prometheus scrapes what a Java process exposes with the official client and answers it through
 * the query API, value and labels intact.
 */
@RequiresServices(Service.PROMETHEUS)
final class PrometheusSmokeIT {

    /** local-services/prometheus/prometheus.yml scrapes this address as job {@code concord-test-target}. */
    private static final int SCRAPE_TARGET_PORT = 19400;

    private static final String JOB = "concord-test-target";

    // A freshly started Prometheus first scrapes ~5 s after start; then the 1 s interval applies.
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();

    // Unique per run: an earlier run's series (still within the 5 min lookback) can never satisfy this one.
    private final String run = UUID.randomUUID().toString();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private HTTPServer target;

    @BeforeEach
    void exposeTarget() throws IOException {
        target = HTTPServer.builder()
                .hostname("127.0.0.1")
                .port(SCRAPE_TARGET_PORT)
                .registry(registry)
                .buildAndStart();
    }

    @AfterEach
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void scrapedGaugeAndCounterComeBackThroughTheQueryApi(ServiceEndpoints endpoints) throws Exception {
        Gauge gauge = Gauge.builder()
                .name("concord_smoke_value")
                .help("Distinctive value the smoke test looks for in Prometheus")
                .labelNames("run", "stage")
                .register(registry);
        Counter counter = Counter.builder()
                .name("concord_smoke_events_total")
                .help("Events counted by the smoke test")
                .labelNames("run")
                .register(registry);
        gauge.labelValues(run, "first").set(4242.625);
        counter.labelValues(run).inc(17);

        String gaugeQuery = "concord_smoke_value{run=\"" + run + "\"}";
        JsonNode sample = awaitSample(endpoints, gaugeQuery, 4242.625);
        assertThat(labels(sample))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "__name__",
                        "concord_smoke_value",
                        "job",
                        JOB,
                        "instance",
                        "127.0.0.1:" + SCRAPE_TARGET_PORT,
                        "run",
                        run,
                        "stage",
                        "first"));

        JsonNode counted = awaitSample(endpoints, "concord_smoke_events_total{run=\"" + run + "\"}", 17);
        assertThat(labels(counted)).containsEntry("__name__", "concord_smoke_events_total");

        // The next scrapes must replace the value, not just keep the first one.
        gauge.labelValues(run, "first").set(-0.5);
        awaitSample(endpoints, gaugeQuery, -0.5);
    }

    /** Polls the instant query until its single sample has the expected value; fails with the last answer. */
    private JsonNode awaitSample(ServiceEndpoints endpoints, String query, double expected) throws Exception {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            JsonNode body = query(endpoints, query);
            last = body.toString();
            assertThat(body.path("status").asText())
                    .as("query status in %s", last)
                    .isEqualTo("success");
            JsonNode result = body.path("data").path("result");
            assertThat(result.size()).as("series for %s in %s", query, last).isLessThanOrEqualTo(1);
            Optional<Double> value = result.isEmpty()
                    ? Optional.empty()
                    : Optional.of(result.get(0).path("value").get(1).asDouble());
            if (value.isPresent() && value.get() == expected) {
                return result.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus did not return " + expected + " for " + query + " within "
                + ARRIVAL_TIMEOUT + "; last answer: " + last);
    }

    private JsonNode query(ServiceEndpoints endpoints, String query) throws IOException, InterruptedException {
        URI uri = URI.create(
                endpoints.prometheusUrl() + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static Map<String, String> labels(JsonNode sample) {
        Map<String, String> labels = new HashMap<>();
        sample.path("metric")
                .properties()
                .forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        return labels;
    }
}
