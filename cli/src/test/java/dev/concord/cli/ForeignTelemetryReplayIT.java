package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.slo.SloAlert;
import dev.concord.jobs.replay.Replay;
import dev.concord.services.CommandLineTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Telemetry of {@link ForeignTelemetry}, not of Concord's simulator, through {@code concord replay} with the shipped
 * rules: the page of {@code order-to-fulfillment-availability} (99.9 % over 30 days, google-30d) comes when the
 * multiwindow burn-rate math says, and the shipped web-api policy decides what it should.
 *
 * <p>The expected page time is the SRE workbook's detection time of the 1h/5m pair, factor x (1 - objective) x long
 * window / error rate (51.84 s at 100 % errors, 345.6 s at 15 %), rounded up to the end of the minute the engine
 * evaluates at: the recording starts 65 minutes before the onset, so the long window is full of steady traffic. The
 * page resolves once the 5-minute short window has forgotten the failures.
 */
class ForeignTelemetryReplayIT {

    private static final Path RULES = CommandLineTools.repoRoot().resolve("slo-rules/rules");
    private static final long START = Instant.parse("2026-03-02T06:00:00Z").getEpochSecond();
    private static final long ONSET = START + 65 * 60;
    private static final long OUTAGE_END = ONSET + 20 * 60;
    private static final int MINUTES = 65 + 40;
    private static final double OBJECTIVE = 0.999;
    private static final double PAGE_FACTOR = 14.4;
    private static final long PAGE_LONG_SECONDS = 3600;
    private static final long PAGE_SHORT_SECONDS = 300;
    private static final long STEP_SECONDS = 60;
    private static final long POLICY_FOR_SECONDS = 90;
    private static final long EVALUATION_SECONDS = 10;

    @TempDir
    Path dir;

    /**
     * What a scenario must give: the cloud whose 1h/5m page fires and the error rate behind it (none when null), the
     * first recommendation (none when null), from which cloud and at which scope, and when, in seconds after the onset.
     */
    record Expected(
            String pagedCloud,
            double errorRate,
            Action action,
            String from,
            String scope,
            long decisionAfterSeconds,
            long failbackAfterEndSeconds) {

        static Expected nothing() {
            return new Expected(null, 0, null, null, null, 0, 0);
        }

        static Expected pageOnly(String cloud, double errorRate) {
            return new Expected(cloud, errorRate, null, null, null, 0, 0);
        }
    }

    /**
     * The decision times: probes (2 of a vantage point's last 3 runs, two vantage points in two networks) and health
     * checks (2 of the last 5) fail within 85 s of the onset with probes once a minute, each since the onset, so the
     * quorum has held for the policy's 90 s at onset + 90 s. With probes every 5 minutes the quorum is the health
     * check (since the onset) and the page (at its minute's end, onset + 60 s) until the probes' second run: 60 + 90.
     * A rollback has only the page: 60 + 90.
     *
     * <p>The failback times: the primary is healthy once fewer than two vantage points hold 2 failures among their
     * last 3 runs and the health check's last 5 samples hold at most one; with probes once a minute that is 90 s after
     * the end (the third vantage point's first good run comes 60 + 30 s after it, the checks agree by then), with
     * probes every 5 minutes 450 s (the third vantage point's second good run: 300 + 150 s); then 15 minutes of
     * stable health and the next evaluation, 10 s on.
     */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario(
                        "an outage of aws pages at the workbook's time and shifts aws to gcp",
                        plain(outage("aws")),
                        new Expected("aws", 1.0, Action.SHIFT_TRAFFIC, "aws", "region:eu-west-1", 90, 1000)),
                scenario(
                        "an outage of gcp pages at the workbook's time and shifts gcp to aws",
                        plain(outage("gcp")),
                        new Expected("gcp", 1.0, Action.SHIFT_TRAFFIC, "gcp", "region:europe-west1", 90, 1000)),
                scenario(
                        "15 % errors of aws's orders page at the workbook's time; the transactions alone decide nothing",
                        plain(new ForeignTelemetry.Fault("aws", ONSET, OUTAGE_END, 1_500, false, false)),
                        Expected.pageOnly("aws", 0.15)),
                scenario(
                        "noise at 0.03 % never pages and decides nothing",
                        plain(new ForeignTelemetry.Fault("aws", START, START + MINUTES * 60, 3, false, false)),
                        Expected.nothing()),
                scenario(
                        "a bad release of the warehouse API on aws is rolled back, never failed over",
                        plain(new ForeignTelemetry.Fault("aws", ONSET, OUTAGE_END, 10_000, false, true)),
                        new Expected("aws", 1.0, Action.ROLLBACK_RELEASE, "aws", "cloud", 150, 0)),
                scenario(
                        "both clouds down: pages for both and no failover",
                        plain(outage("aws"), outage("gcp")),
                        Expected.pageOnly("aws", 1.0)),
                scenario(
                        "probes every 5 minutes: the outage of aws is still found and shifted",
                        plain(outage("aws")).probingEvery(300),
                        new Expected("aws", 1.0, Action.SHIFT_TRAFFIC, "aws", "region:eu-west-1", 150, 1360)),
                scenario(
                        "two regions per cloud, one down: that region shifts, the other stays",
                        plain(new ForeignTelemetry.Fault("aws", "eu-west-1", ONSET, OUTAGE_END, 10_000, true, false))
                                .withRegions(2),
                        new Expected("aws", 1.0, Action.SHIFT_TRAFFIC, "aws", "region:eu-west-1", 90, 1000)),
                scenario(
                        "one flapping vantage point marks nothing down",
                        plain().withFlappingVantagePoint(),
                        Expected.nothing()),
                scenario(
                        "traffic sampled one in four pages and shifts as unsampled traffic does",
                        plain(outage("aws")).sampledOneIn(4),
                        new Expected("aws", 1.0, Action.SHIFT_TRAFFIC, "aws", "region:eu-west-1", 90, 1000)),
                scenario(
                        "every stage its own trace: the outage of aws pages and shifts alike",
                        plain(outage("aws")).withStagesAsRoots(),
                        new Expected("aws", 1.0, Action.SHIFT_TRAFFIC, "aws", "region:eu-west-1", 90, 1000)),
                scenario(
                        "five tenants of 4 orders a minute each, all failing: the cloud's region shifts",
                        plain(outage("aws")).withTenants(List.of("t1", "t2", "t3", "t4", "t5")),
                        new Expected("aws", 1.0, Action.SHIFT_TRAFFIC, "aws", "region:eu-west-1", 90, 1000)));
    }

    private static ForeignTelemetry.Shape plain(ForeignTelemetry.Fault... faults) {
        return ForeignTelemetry.Shape.plain(START, MINUTES, List.of(faults));
    }

    private static ForeignTelemetry.Fault outage(String cloud) {
        return new ForeignTelemetry.Fault(cloud, ONSET, OUTAGE_END, 10_000, true, false);
    }

    private static Arguments scenario(String name, ForeignTelemetry.Shape shape, Expected expected) {
        return Arguments.of(Named.of(name, shape), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayDetectsAndDecidesAsThePublishedMathSays(ForeignTelemetry.Shape shape, Expected expected)
            throws Exception {
        Path recording = Files.createDirectories(dir.resolve("recording")).resolve("otlp.jsonl");
        new ForeignTelemetry(shape).writeTo(recording);
        Path out = dir.resolve("out");

        StringWriter err = new StringWriter();
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(
                "replay",
                "--input",
                recording.getParent().toString(),
                "--rules",
                RULES.toString(),
                "--out",
                out.toString(),
                "--prometheus-port",
                "off",
                "--parallelism",
                "2");
        assertThat(exit).as(err.toString()).isZero();

        List<SloAlert> pages = JsonLines.readFile(out.resolve(Replay.ALERTS), SloAlert.class).stream()
                .filter(a -> a.slo().equals("order-to-fulfillment-availability")
                        && a.severity().equals("page")
                        && a.longWindowMinutes() == 60)
                .toList();
        List<DecisionRecord> decisions =
                JsonLines.readFile(out.resolve(Replay.DECISIONS), DecisionRecord.class).stream()
                        .filter(d -> d.policy().equals("web-api"))
                        .toList();

        System.out.println(DetectionTable.row(shape.faults(), pages, decisions, ONSET, OUTAGE_END));
        if (expected.pagedCloud() == null) {
            assertThat(pages).as("pages").isEmpty();
        } else {
            double detection = PAGE_FACTOR * (1 - OBJECTIVE) * PAGE_LONG_SECONDS / expected.errorRate();
            long firedAfter = firstPage(pages, expected.pagedCloud(), true).orElseThrow() - ONSET;
            assertThat((double) firedAfter)
                    .as("seconds from the onset to the page; the workbook says %.1f", detection)
                    .isBetween(detection, detection + STEP_SECONDS);
            if (expected.errorRate() == 1.0) {
                long resolvedAfterEnd =
                        firstPage(pages, expected.pagedCloud(), false).orElseThrow() - OUTAGE_END;
                assertThat(resolvedAfterEnd)
                        .as("seconds from the end of the outage to the page's resolution")
                        .isBetween(PAGE_SHORT_SECONDS - STEP_SECONDS, PAGE_SHORT_SECONDS + STEP_SECONDS);
            }
        }

        assertThat(decisions)
                .as("never a shift into or out of a cloud that is not the one failing alone")
                .noneMatch(d -> d.action() == Action.SHIFT_TRAFFIC
                        && d.state() == DecisionState.RECOMMENDED
                        && (expected.action() != Action.SHIFT_TRAFFIC
                                || !d.from().equals(expected.from())));
        if (expected.action() == null) {
            assertThat(decisions)
                    .as("no recommendation")
                    .noneMatch(d -> d.state() == DecisionState.RECOMMENDED && d.action() != Action.NONE);
            return;
        }
        DecisionRecord first = decisions.stream()
                .filter(d -> d.state() == DecisionState.RECOMMENDED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no recommendation: " + decisions));
        assertThat(first.action()).isEqualTo(expected.action());
        assertThat(first.from()).isEqualTo(expected.from());
        assertThat(scope(first)).isEqualTo(expected.scope());
        long decidedAfter = Instant.parse(first.eventTime()).getEpochSecond() - ONSET;
        assertThat(decidedAfter)
                .as("seconds from the onset to the decision")
                .isBetween(expected.decisionAfterSeconds(), expected.decisionAfterSeconds() + EVALUATION_SECONDS)
                .isLessThanOrEqualTo(POLICY_FOR_SECONDS + 120);
        if (expected.action() == Action.SHIFT_TRAFFIC) {
            DecisionRecord failback = decisions.stream()
                    .filter(d -> d.action() == Action.FAILBACK)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no failback: " + decisions));
            assertThat(failback.to()).isEqualTo(expected.from());
            long failbackAfterEnd = Instant.parse(failback.eventTime()).getEpochSecond() - OUTAGE_END;
            assertThat(failbackAfterEnd)
                    .isBetween(
                            expected.failbackAfterEndSeconds() - 2 * EVALUATION_SECONDS,
                            expected.failbackAfterEndSeconds() + 2 * EVALUATION_SECONDS);
        }
    }

    /** {@code cloud}, {@code region:NAME} or {@code tenant:NAME}. */
    private static String scope(DecisionRecord record) {
        DecisionRecord.DecisionScope scope = record.scope();
        if (scope.tenant() != null) {
            return "tenant:" + scope.tenant();
        }
        return scope.region() == null ? "cloud" : "region:" + scope.region();
    }

    private static Optional<Long> firstPage(List<SloAlert> pages, String cloud, boolean firing) {
        return pages.stream()
                .filter(a -> a.cloudProvider().equals(cloud) && a.firing() == firing)
                .map(a -> a.eventTimeMillis() / 1000)
                .findFirst();
    }
}
