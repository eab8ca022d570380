package dev.concord.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.model.MetricKind;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped web-api policy on telemetry of shapes the simulator does not make, built here, not by the simulator or
 * {@link DecisionScenario}: probes once a minute or every five from four vantage points (two of them outside both
 * clouds), a health check every 30 s, and a bad release that only the transactions show. Each vantage point's window
 * grows to its last 3 runs and each check's to its last 5 samples; the expected decision time follows from that and
 * the policy's {@code for}.
 */
class EvidenceShapesTest {

    private static final long SECOND = 1_000;
    private static final long STEP = DecisionSettings.DEFAULT_EVALUATE_EVERY.toMillis();
    private static final long START = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long ONSET = START + 30 * 60 * SECOND;
    private static final long FOR = 90 * SECOND;
    private static final String[][] VANTAGE_POINTS = {
        {"vp-ashburn", "aws"}, {"vp-council-bluffs", "gcp"}, {"vp-paris", "ovh"}, {"vp-osaka", "sakura"}
    };

    @ParameterizedTest(name = "probes every {0} s and a 30 s health check: a shift within {1} s of the outage")
    @CsvSource({"60, 210", "300, 510"})
    void anOutageOfThePrimaryIsFoundOnTheRunsThatCame(long probeEverySeconds, long withinSeconds) throws Exception {
        List<DecisionRecord> records = decide(probeEverySeconds * SECOND, true);

        assertThat(records).isNotEmpty();
        DecisionRecord shift = records.get(0);
        assertThat(shift.action()).isEqualTo(Action.SHIFT_TRAFFIC);
        assertThat(shift.from()).isEqualTo("aws");
        assertThat(shift.quorum().counted()).contains("probes", "health");
        long at = Instant.parse(shift.eventTime()).toEpochMilli();
        // probes: a vantage point fails once 2 of its last 3 runs failed, at its second run after the onset; the
        // second vantage point (another network) runs a quarter interval after the first; health: 2 of the last 5
        // checks failed 30 s after the onset; the quorum then holds for 90 s from the onset, and the evaluator looks
        // every 10 s
        long secondVantagePointFails = ONSET + probeEverySeconds * SECOND + probeEverySeconds * SECOND / 4;
        long expected = Math.max(secondVantagePointFails + STEP, ONSET + FOR);
        assertThat(at).isBetween(ONSET + FOR, ONSET + withinSeconds * SECOND);
        assertThat(at).isBetween(expected - STEP, expected + STEP);
    }

    @ParameterizedTest(name = "probes every {0} s of a healthy primary: no decision")
    @CsvSource({"60", "300"})
    void healthyTelemetryThatComesSeldomGivesNoDecision(long probeEverySeconds) throws Exception {
        assertThat(decide(probeEverySeconds * SECOND, false)).isEmpty();
    }

    @Test
    void aReleaseThatFailsOnlyTheTransactionsIsRolledBackNeverFailedOver() throws Exception {
        List<Observation> observations = new ArrayList<>();
        probesAndHealth(60 * SECOND, null, observations);
        long release = ONSET - 2 * 60 * SECOND;
        for (long t = START; t < END; t += 3 * SECOND) {
            for (String cloud : List.of("aws", "gcp")) {
                boolean released = cloud.equals("aws") && t >= release;
                // the new version fails one request in two from the onset; the old one never
                boolean failed = released && t >= ONSET && (t / (3 * SECOND)) % 2 == 0;
                stageSpan(cloud, released ? "7.1.0" : "7.0.1", t, failed, observations);
            }
        }
        burnAlert(ONSET + 60 * SECOND, true, observations);

        List<DecisionRecord> records = decide(observations);

        assertThat(records).isNotEmpty();
        assertThat(records).extracting(DecisionRecord::action).containsOnly(Action.ROLLBACK_RELEASE);
        DecisionRecord rollback = records.get(0);
        assertThat(rollback.vetoes()).extracting(DecisionRecord.Veto::kind).contains(Verdicts.VETO_RELEASE);
        // the page fires a minute after the onset and must hold for the policy's 90 s
        assertThat(Instant.parse(rollback.eventTime()).toEpochMilli())
                .isBetween(ONSET + 60 * SECOND + FOR, ONSET + 60 * SECOND + FOR + 2 * STEP);
    }

    private static final long END = ONSET + 20 * 60 * SECOND;

    @Test
    void anOutageOfTheSecondaryShiftsItsTrafficToThePrimary() throws Exception {
        List<Observation> observations = new ArrayList<>();
        probesAndHealth(60 * SECOND, "gcp", observations);

        List<DecisionRecord> records = decide(observations);

        assertThat(records).isNotEmpty();
        DecisionRecord shift = records.get(0);
        assertThat(shift.action()).isEqualTo(Action.SHIFT_TRAFFIC);
        assertThat(shift.scope().cloud()).isEqualTo("gcp");
        assertThat(shift.from()).isEqualTo("gcp");
        assertThat(shift.to()).isEqualTo("aws");
        assertThat(Instant.parse(shift.eventTime()).toEpochMilli()).isBetween(ONSET + FOR, ONSET + FOR + 2 * STEP);
    }

    private static List<DecisionRecord> decide(long probeEvery, boolean outage) throws Exception {
        List<Observation> observations = new ArrayList<>();
        probesAndHealth(probeEvery, outage ? "aws" : null, observations);
        return decide(observations);
    }

    /** Probes and health checks of both clouds; {@code failing} (or none, when null) fails from the onset. */
    private static void probesAndHealth(long probeEvery, String failing, List<Observation> observations) {
        long end = END;
        for (int v = 0; v < VANTAGE_POINTS.length; v++) {
            // the vantage points run out of step with each other, as independent schedulers do
            for (long t = START + v * probeEvery / VANTAGE_POINTS.length; t < end; t += probeEvery) {
                for (String target : List.of("aws", "gcp")) {
                    boolean ok = !(target.equals(failing) && t >= ONSET);
                    probe(VANTAGE_POINTS[v], target, t, ok, observations);
                }
            }
        }
        for (long t = START; t < end; t += 30 * SECOND) {
            for (String cloud : List.of("aws", "gcp")) {
                boolean ok = !(cloud.equals(failing) && t >= ONSET);
                health(cloud, t, ok, observations);
            }
        }
    }

    private static List<DecisionRecord> decide(List<Observation> observations) throws Exception {
        long end = END;
        observations.sort(Comparator.comparingLong(Observation::timeMillis));
        try (KeyedTwoInputStreamOperatorTestHarness<String, Observation, OperatorConfirmation, DecisionRecord> harness =
                PolicyEvaluatorTest.shippedPolicies()) {
            int next = 0;
            for (long step = START; step < end; step += STEP) {
                while (next < observations.size() && observations.get(next).timeMillis() < step + STEP) {
                    Observation o = observations.get(next++);
                    harness.processElement1(o, o.timeMillis());
                }
                harness.processBothWatermarks(new Watermark(step + STEP - 1));
            }
            List<DecisionRecord> records = new ArrayList<>();
            for (Object out : harness.getOutput()) {
                if (out instanceof StreamRecord<?> record
                        && record.getValue() instanceof DecisionRecord decision
                        && decision.policy().equals("web-api")) {
                    records.add(decision);
                }
            }
            return records;
        }
    }

    private static void probe(String[] vantagePoint, String target, long t, boolean ok, List<Observation> into) {
        ProbeResult result = new ProbeResult(
                new ResourceIdentity("synthetics", "4.2", vantagePoint[1], "", "prod", ""),
                t * 1_000_000L,
                "order-flow",
                vantagePoint[0],
                target,
                target.equals("aws") ? "eu-west-1" : "europe-west1",
                "order-to-fulfillment",
                ok,
                ok ? 420_000_000L : 10_000_000_000L,
                ok ? "" : "checkout");
        Observe.probes(DecisionScenario.SHIPPED).flatMap(result, new ListCollector<>(into));
    }

    /** An INTERNAL stage span of the warehouse API, as chained stages often are, not a root and not a server span. */
    private static void stageSpan(String cloud, String version, long t, boolean failed, List<Observation> into) {
        Span span = new Span(
                new ResourceIdentity(
                        "warehouse-api",
                        version,
                        cloud,
                        cloud.equals("aws") ? "eu-west-1" : "europe-west1",
                        "prod",
                        ""),
                String.format("%032x", t),
                String.format("%016x", t ^ cloud.hashCode()),
                String.format("%016x", t + 1),
                "pick",
                SpanKind.INTERNAL,
                (t - 40) * 1_000_000L,
                t * 1_000_000L,
                failed ? StatusCode.ERROR : StatusCode.OK,
                "",
                "order-to-fulfillment",
                "o-" + t,
                "pick",
                Map.of(),
                1.0);
        Observe.spans(DecisionScenario.SHIPPED).flatMap(span, new ListCollector<>(into));
    }

    private static void burnAlert(long at, boolean firing, List<Observation> into) {
        SloAlert alert = new SloAlert(
                "order-to-fulfillment-availability",
                "order-to-fulfillment",
                "aws",
                "eu-west-1",
                "",
                "page",
                60,
                5,
                14.4,
                firing,
                at,
                300,
                400,
                0.2,
                Map.of(),
                Map.of());
        Observe.alerts(DecisionScenario.SHIPPED).flatMap(alert, new ListCollector<>(into));
    }

    private static void health(String cloud, long t, boolean ok, List<Observation> into) {
        MetricSample sample = new MetricSample(
                new ResourceIdentity(
                        "warehouse-api",
                        "7.0.1",
                        cloud,
                        cloud.equals("aws") ? "eu-west-1" : "europe-west1",
                        "prod",
                        ""),
                "warehouse-api-health",
                "1",
                MetricKind.GAUGE,
                t * 1_000_000L,
                ok ? 1 : 0,
                Map.of());
        Observe.metrics(DecisionScenario.SHIPPED).flatMap(sample, new ListCollector<>(into));
    }
}
