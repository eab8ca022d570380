package dev.concord.outputs.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.Engine;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.engine.sources.InMemorySources;
import dev.concord.engine.testing.OutputFixtures;
import dev.concord.ingest.model.Span;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLO pipeline at parallelism 2 alerting through the real Alertmanager (local-services/alertmanager/alertmanager.yml:
 * pages to /page, the rest to /default, a page inhibits the ticket of its SLO) to a webhook this test runs. The
 * first run stops during the outage, leaving the page firing; the second replays past the recovery, resolving it.
 */
@RequiresServices(Service.ALERTMANAGER)
class AlertmanagerSinkIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SLO = OutputFixtures.availability(RUN).name();

    private static List<Span> spans;
    private static WebhookReceiver webhook;
    private static String alertmanagerUrl;

    @TempDir
    Path out;

    @BeforeAll
    static void setUp(ServiceEndpoints endpoints) throws Exception {
        spans = OutputFixtures.spans();
        alertmanagerUrl = endpoints.alertmanagerUrl();
        webhook = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        if (webhook != null) {
            webhook.close();
        }
    }

    @Test
    void pagesOnCallForThePrimaryInhibitsItsTicketAndResolvesThePageWhenTheSloRecovers() throws Exception {
        run(OutputFixtures.OUTAGE.toEpochMilli() + 7 * 60_000L, out.resolve("during"));

        JsonNode page = webhook.awaitAlert("/page", mine("firing", "1h/5m"), NOTIFICATION_TIMEOUT);
        assertThat(page.at("/labels/cloud").asText()).isEqualTo("aws");
        assertThat(page.at("/labels/severity").asText()).isEqualTo("page");
        assertThat(page.at("/labels/alertname").asText()).isEqualTo("SloBurnRateHigh");
        assertThat(page.at("/labels/team").asText()).isEqualTo("fulfillment");
        assertThat(page.at("/annotations/runbook_url").asText()).startsWith("https://runbooks.example.com/");
        assertThat(page.at("/annotations/dashboard_url").asText()).contains("var-slo=" + SLO);
        assertThat(page.at("/startsAt").asText()).startsWith("2026-01-05T09:1");

        List<JsonNode> tickets = new java.util.ArrayList<>();
        alertmanagerAlerts().forEach(a -> {
            if (a.at("/labels/severity").asText().equals("ticket")) {
                tickets.add(a);
            }
        });
        assertThat(tickets)
                .as("the outage burns the ticket windows too, and the page inhibits them")
                .isNotEmpty()
                .allSatisfy(t -> {
                    assertThat(t.at("/status/state").asText()).isEqualTo("suppressed");
                    assertThat(t.at("/status/inhibitedBy")).isNotEmpty();
                });
        assertThat(webhook.alertsOn("/page"))
                .noneMatch(a -> a.at("/labels/cloud").asText().equals("gcp"));
        // No assertion on /default: in a replay the ticket and the page of one minute may reach Alertmanager in two
        // posts a tick apart, and Alertmanager inhibits only what is active when it notifies. The suppressed state
        // above is the deterministic proof of the inhibit rule.

        run(OutputFixtures.STOP_AT, out.resolve("after"));

        JsonNode resolved = webhook.awaitAlert("/page", mine("resolved", "1h/5m"), NOTIFICATION_TIMEOUT);
        assertThat(resolved.at("/labels/cloud").asText()).isEqualTo("aws");
        assertThat(resolved.at("/endsAt").asText()).startsWith("2026-01-05T09:");
    }

    private static Predicate<JsonNode> mine(String status, String window) {
        return a -> a.at("/labels/slo").asText().equals(SLO)
                && a.at("/labels/window").asText().equals(window)
                && a.at("/status").asText().equals(status);
    }

    private static JsonNode alertmanagerAlerts() throws Exception {
        String filter = URLEncoder.encode("slo=\"" + SLO + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/api/v2/alerts?filter=" + filter))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static void run(long stopAt, Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new SloPipelineJob(
                        InMemorySources.of(spans, env.getConfig()),
                        List.of(OutputFixtures.ORDER_TO_FULFILLMENT),
                        List.of(OutputFixtures.availability(RUN)),
                        stopAt,
                        new SloPipelineJob.Sinks(
                                new JsonLinesSink<>(dir.resolve("transactions")),
                                new JsonLinesSink<>(dir.resolve("slo")),
                                AlertmanagerSink.sloAlerts(AlertmanagerConfig.builder()
                                        .url(alertmanagerUrl)
                                        .build()),
                                new JsonLinesSink<>(dir.resolve("late"))))
                .execute(env);
    }
}
