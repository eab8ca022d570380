package dev.concord.outputs.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concord.services.GoldenFiles;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerClientTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:10:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeAlertmanager first = new FakeAlertmanager();
    private final FakeAlertmanager second = new FakeAlertmanager();

    AlertmanagerClientTest() throws IOException {}

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private AlertmanagerClient client(int maxQueued) {
        return new AlertmanagerClient(
                AlertmanagerConfig.builder()
                        .url(first.url())
                        .url(second.url() + "/")
                        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
                        .maxQueuedAlerts(maxQueued)
                        .drainTimeout(Duration.ZERO)
                        .build(),
                clock);
    }

    static Alert page(String slo) {
        return new Alert(
                Map.of(
                        AlertLabels.ALERTNAME, AlertLabels.SLO_BURN_RATE_HIGH,
                        AlertLabels.SEVERITY, AlertLabels.SEVERITY_PAGE,
                        AlertLabels.SLO, slo,
                        AlertLabels.TRANSACTION, "order-to-fulfillment",
                        AlertLabels.CLOUD, "aws",
                        AlertLabels.REGION, "us-east-1",
                        AlertLabels.TENANT, "*",
                        AlertLabels.WINDOW, "1h/5m"),
                Map.of(
                        AlertLabels.SUMMARY,
                                "order-to-fulfillment burns its error budget 14.4x too fast in aws us-east-1",
                        AlertLabels.DESCRIPTION, "1h burn rate 120.0, 5m burn rate 1000.0; 91% of the budget left",
                        AlertLabels.RUNBOOK_URL, "https://runbooks.example.com/order-to-fulfillment",
                        AlertLabels.DASHBOARD_URL, "http://grafana:3000/d/concord-slo-detail?var-slo=" + slo),
                T0,
                null,
                "http://concord:8081/#/job/slo");
    }

    @Test
    void everyAlertmanagerOfTheHaPairReceivesEveryAlert() {
        AlertmanagerClient client = client(100);
        client.fire(page("a"));
        client.fire(page("b"));
        client.tick();

        assertThat(first.alerts()).extracting(a -> a.at("/labels/slo").asText()).containsExactly("a", "b");
        assertThat(second.alerts())
                .extracting(a -> a.at("/labels/slo").asText())
                .containsExactly("a", "b");
        assertThat(client.sent()).isEqualTo(4);
    }

    @Test
    void reSendsActiveAlertsEveryIntervalUntilResolvedWithEndsAt() {
        AlertmanagerClient client = client(100);
        client.fire(page("a"));
        client.tick();
        clock.advance(Duration.ofSeconds(59));
        client.tick();
        assertThat(first.posts()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        client.tick();
        assertThat(first.posts()).isEqualTo(2);
        assertThat(first.alerts().get(1).has("endsAt")).isFalse();

        clock.advance(Duration.ofSeconds(5));
        client.resolve(page("a"));
        client.tick();
        clock.advance(Duration.ofSeconds(60));
        client.tick();

        assertThat(first.posts()).isEqualTo(3);
        JsonNode resolved = first.alerts().get(2);
        assertThat(resolved.get("endsAt").asText()).isEqualTo("2026-01-05T09:11:05Z");
        assertThat(client.activeAlerts()).isZero();
    }

    @Test
    void backsOffFromAnAlertmanagerThatIsDownWithoutHoldingBackTheOther() {
        AlertmanagerClient client = client(100);
        first.answer(503);
        client.fire(page("a"));
        client.tick();
        assertThat(second.posts()).isEqualTo(1);
        assertThat(client.failedRequests()).isEqualTo(1);

        clock.advance(Duration.ofMillis(900));
        client.tick();
        assertThat(client.failedRequests()).as("still backing off after 1 s").isEqualTo(1);

        clock.advance(Duration.ofMillis(100));
        client.tick();
        assertThat(client.failedRequests()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1999));
        client.tick();
        assertThat(client.failedRequests()).as("the second backoff is 2 s").isEqualTo(2);

        first.answer(200);
        clock.advance(Duration.ofMillis(1));
        client.tick();
        assertThat(first.alerts()).hasSize(1);
        assertThat(client.queued()).isZero();
    }

    @Test
    void keepsOnlyTheLatestStateOfAnAlertAndCountsWhatABoundedQueueDrops() {
        AlertmanagerClient client = client(2);
        first.answer(503);
        second.answer(503);
        client.fire(page("a"));
        client.resolve(page("a"));
        assertThat(client.queued()).isEqualTo(2);

        client.fire(page("b"));
        client.fire(page("c"));

        assertThat(client.dropped()).as("a fell out of both queues").isEqualTo(2);
        first.answer(200);
        second.answer(200);
        client.tick();
        assertThat(first.alerts()).extracting(a -> a.at("/labels/slo").asText()).containsExactly("b", "c");
    }

    @Test
    void dropsAlertsAnAlertmanagerRejectsAsInvalidInsteadOfRetryingForever() {
        AlertmanagerClient client = client(100);
        first.answer(400);
        client.fire(page("a"));
        client.tick();
        clock.advance(Duration.ofSeconds(10));
        client.tick();

        assertThat(client.dropped()).isEqualTo(1);
        assertThat(client.failedRequests()).isZero();
    }

    @Test
    void postsTheV2PayloadExactly() throws IOException {
        Alert resolved = page("order-to-fulfillment-availability").resolvedAt(T0.plusSeconds(600));

        GoldenFiles.assertMatches(
                GoldenFiles.resource("golden/alert-payload.json"),
                AlertPayload.of(List.of(page("order-to-fulfillment-availability"), resolved)) + "\n");
    }

    @Test
    void refusesAnAlertWithoutNameOrWithABadLabelAndAConfigWithoutUrl() {
        assertThatThrownBy(() -> new Alert(Map.of("severity", "page"), Map.of(), T0, null, ""))
                .hasMessageContaining("alertname");
        assertThatThrownBy(() -> new Alert(Map.of("alertname", "X", "bad-label", "v"), Map.of(), T0, null, ""))
                .hasMessageContaining("bad-label");
        assertThatThrownBy(() -> AlertmanagerConfig.builder().build()).hasMessageContaining("at least one URL");
        assertThatThrownBy(() -> AlertmanagerConfig.builder().url("a:9093").build())
                .hasMessageContaining("http(s)://");
        assertThatThrownBy(() -> AlertmanagerConfig.builder()
                        .url("http://a:9093")
                        .url("http://a:9093")
                        .build())
                .hasMessageContaining("twice");
    }
}
