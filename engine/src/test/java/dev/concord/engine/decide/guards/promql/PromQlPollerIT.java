package dev.concord.engine.decide.guards.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.testing.PrometheusRemoteWrite;
import dev.concord.ingest.model.MetricSample;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

/** The poller against the real Prometheus: values and labels come through, failures become empty polls. */
@RequiresServices(Service.PROMETHEUS)
class PromQlPollerIT {

    private static final Instant POLL_TIME = Instant.parse("2026-01-05T10:25:00Z");
    private static final Clock CLOCK = Clock.fixed(POLL_TIME, ZoneOffset.UTC);

    private final String run = UUID.randomUUID().toString();
    private final SimpleCounter polls = new SimpleCounter();
    private final SimpleCounter failures = new SimpleCounter();

    private PromQlPoller poller(String endpoint, String query) {
        PromQlPoller poller = new PromQlPoller(new PromQlGuard("erp-lag", endpoint, query, 1_000), CLOCK);
        poller.open(polls, failures);
        return poller;
    }

    @Test
    void readsTheLagPrometheusHoldsWithTheCloudAndRegionOfItsLabels(ServiceEndpoints endpoints) throws Exception {
        PrometheusRemoteWrite.write(
                endpoints.prometheusUrl(),
                "concord_test_replication_lag_seconds",
                Map.of("run", run, "cloud_provider", "gcp", "cloud_region", "us-central1"),
                720,
                System.currentTimeMillis());
        PromQlPoller poller =
                poller(endpoints.prometheusUrl(), "concord_test_replication_lag_seconds{run=\"" + run + "\"}");

        GuardPoll poll = poller.map(0L);

        assertThat(poll.failure()).isEmpty();
        assertThat(poll.timeMillis()).isEqualTo(POLL_TIME.toEpochMilli());
        assertThat(poll.readings()).hasSize(1);
        MetricSample sample = PromQlGuards.sample(poll.readings().get(0));
        assertThat(sample.value()).isEqualTo(720.0);
        assertThat(sample.name()).isEqualTo("promql:erp-lag");
        assertThat(sample.resource().cloudProvider()).isEqualTo("gcp");
        assertThat(sample.resource().cloudRegion()).isEqualTo("us-central1");
        assertThat(sample.timeUnixNano()).isEqualTo(POLL_TIME.toEpochMilli() * 1_000_000L);
        assertThat(failures.getCount()).isZero();
    }

    @Test
    void aScalarQueryGivesOneReadingWithoutLabels(ServiceEndpoints endpoints) throws Exception {
        GuardPoll poll =
                poller(endpoints.prometheusUrl(), "scalar(vector(42.5))").map(0L);

        assertThat(poll.readings()).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(42.5);
            assertThat(r.labels()).isEmpty();
        });
    }

    @Test
    void aQueryMatchingNothingGivesNoReadingAndIsNotAFailure(ServiceEndpoints endpoints) throws Exception {
        GuardPoll poll = poller(endpoints.prometheusUrl(), "concord_test_absent_metric{run=\"" + run + "\"}")
                .map(0L);

        assertThat(poll.readings()).isEmpty();
        assertThat(poll.failure()).isEmpty();
        assertThat(failures.getCount()).isZero();
    }

    @Test
    void aQueryPrometheusRejectsIsCountedAndGivesNoReading(ServiceEndpoints endpoints) throws Exception {
        PromQlPoller poller = poller(endpoints.prometheusUrl(), "max(");

        GuardPoll poll = poller.map(0L);

        assertThat(poll.readings()).isEmpty();
        assertThat(poll.failure()).startsWith("HTTP 400").contains("bad_data");
        assertThat(failures.getCount()).isEqualTo(1);
        assertThat(polls.getCount()).isEqualTo(1);
    }

    @Test
    void anUnreachablePrometheusIsRetriedThenCountedAndTheNextPollTriesAgain() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PromQlPoller poller = poller("http://127.0.0.1:" + closedPort, "up");

        GuardPoll first = poller.map(0L);
        GuardPoll second = poller.map(1L);

        assertThat(first.readings()).isEmpty();
        assertThat(first.failure()).startsWith("cannot reach http://127.0.0.1:" + closedPort);
        assertThat(second.readings()).isEmpty();
        assertThat(failures.getCount()).isEqualTo(2);
    }
}
