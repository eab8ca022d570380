package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import dev.concord.ingest.receiver.IngestServer;
import dev.concord.ingest.receiver.IngestSettings;
import dev.concord.simulator.Simulator;
import dev.concord.simulator.scenario.Scenario;
import dev.concord.simulator.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandIT {

    private static final String SCENARIO = "tenant-outage";
    private static final Scenario TENANT_OUTAGE =
            ScenarioLoader.load(ScenariosCommandIT.SCENARIOS.resolve(SCENARIO + ".yaml"));
    private static final Clock AFTER_THE_RUN =
            Clock.fixed(TENANT_OUTAGE.plan().end().plus(Duration.ofDays(1)), ZoneOffset.UTC);
    private static final Comparator<Span> BY_ID =
            Comparator.comparing(Span::traceId).thenComparing(Span::spanId);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesReplayFilesThatAreTheSameForTheSameScenario() throws Exception {
        assertThat(simulateTo(dir.resolve("first"))).isZero();
        assertThat(simulateTo(dir.resolve("second"))).isZero();

        for (String file : List.of("traces.jsonl", "logs.jsonl", "metrics.jsonl")) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file)))
                    .as(file)
                    .isNotEmpty()
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
        assertThat(out.toString()).contains("Simulated tenant-outage (PT2H from 2026-01-05T08:00:00Z)");
    }

    @Test
    void sendsEverySpanOverOtlpToConcordsOwnReceiver() throws Exception {
        Path received = dir.resolve("received");
        try (IngestServer receiver = IngestServer.start(IngestSettings.builder()
                .bindAddress("127.0.0.1")
                .httpPort(0)
                .grpcPort(-1)
                .insecureNoAuth(true)
                .out(received)
                .clock(AFTER_THE_RUN)
                .build())) {
            int exit = run(
                    "simulate",
                    "--scenario",
                    SCENARIO,
                    "--scenarios",
                    ScenariosCommandIT.SCENARIOS.toString(),
                    "--otlp",
                    "http://127.0.0.1:" + receiver.httpPort());
            assertThat(exit).as(err.toString()).isZero();
        }

        List<Span> sent = new ArrayList<>(
                new Simulator(TENANT_OUTAGE.plan()).runInProcess().spans());
        List<Span> arrived =
                new ArrayList<>(decode(received.resolve("traces.jsonl")).spans());
        sent.sort(BY_ID);
        arrived.sort(BY_ID);
        assertThat(arrived).hasSameSizeAs(sent).isEqualTo(sent);
        assertThat(decode(received.resolve("metrics.jsonl")).metrics()).isNotEmpty();
        assertThat(decode(received.resolve("logs.jsonl")).logs()).isNotEmpty();
    }

    @Test
    void anUnknownScenarioIsNamedAndExitsWithTwo() {
        assertThat(run(
                        "simulate",
                        "--scenario",
                        "no-such-thing",
                        "--scenarios",
                        ScenariosCommandIT.SCENARIOS.toString(),
                        "--out",
                        dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no scenario named no-such-thing in ");
    }

    private int simulateTo(Path target) {
        return run(
                "simulate",
                "--scenario",
                SCENARIO,
                "--scenarios",
                ScenariosCommandIT.SCENARIOS.toString(),
                "--out",
                target.toString());
    }

    private static CanonicalBatch decode(Path file) throws Exception {
        OtlpDecoder decoder = new OtlpDecoder(AFTER_THE_RUN, DecodeLimits.defaults());
        OtlpSignal signal = OtlpSignal.valueOf(
                file.getFileName().toString().replace(".jsonl", "").toUpperCase(java.util.Locale.ROOT));
        List<Span> spans = new ArrayList<>();
        List<dev.concord.ingest.model.LogRecord> logs = new ArrayList<>();
        List<dev.concord.ingest.model.MetricSample> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            byte[] json = line.getBytes(StandardCharsets.UTF_8);
            CanonicalBatch batch = decoder.decode(signal, json, json.length, PayloadFormat.JSON);
            spans.addAll(batch.spans());
            logs.addAll(batch.logs());
            metrics.addAll(batch.metrics());
        }
        return new CanonicalBatch(spans, List.of(), logs, metrics);
    }
}
