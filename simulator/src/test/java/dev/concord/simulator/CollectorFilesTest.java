package dev.concord.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import dev.concord.simulator.emit.CanonicalRecords;
import dev.concord.simulator.emit.CollectorFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorFilesTest {

    private static final SimulationPlan PLAN =
            SimulationPlan.builder().seed(21).duration(Duration.ofMinutes(12)).build();
    private static final Clock AFTER_THE_RUN = Clock.fixed(PLAN.end().plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesForTheSameSeed() throws IOException {
        write(PLAN, dir.resolve("first"));
        write(PLAN, dir.resolve("second"));

        for (String file : List.of("traces.jsonl", "logs.jsonl", "metrics.jsonl")) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file)))
                    .as(file)
                    .isNotEmpty()
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
    }

    @Test
    void writesOtherTelemetryForAnotherSeed() throws IOException {
        write(PLAN, dir.resolve("first"));
        write(SimulationPlan.builder().seed(22).duration(Duration.ofMinutes(12)).build(), dir.resolve("other"));

        assertThat(Files.readAllBytes(dir.resolve("other").resolve("traces.jsonl")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("first").resolve("traces.jsonl")));
    }

    @Test
    void decodesThroughConcordsOwnDecoderIntoWhatTheInProcessRunDelivers() throws Exception {
        write(PLAN, dir);
        CanonicalRecords inProcess = new Simulator(PLAN).runInProcess();

        CanonicalBatch traces = decode(OtlpSignal.TRACES);
        CanonicalBatch logs = decode(OtlpSignal.LOGS);
        CanonicalBatch metrics = decode(OtlpSignal.METRICS);

        assertThat(traces.spans()).isNotEmpty().isEqualTo(inProcess.spans());
        assertThat(traces.probes()).isNotEmpty().isEqualTo(inProcess.probes());
        assertThat(logs.logs()).isEqualTo(inProcess.logs());
        assertThat(metrics.metrics()).isNotEmpty().isEqualTo(inProcess.metrics());
        assertThat(traces.spans()).filteredOn(Span::inBusinessTransaction).isNotEmpty();
    }

    private CanonicalBatch decode(OtlpSignal signal) throws Exception {
        OtlpDecoder decoder = new OtlpDecoder(AFTER_THE_RUN, DecodeLimits.defaults());
        List<Span> spans = new ArrayList<>();
        List<dev.concord.ingest.model.ProbeResult> probes = new ArrayList<>();
        List<dev.concord.ingest.model.LogRecord> logs = new ArrayList<>();
        List<dev.concord.ingest.model.MetricSample> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(signal.label() + ".jsonl"))) {
            byte[] json = line.getBytes(StandardCharsets.UTF_8);
            CanonicalBatch batch = decoder.decode(signal, json, json.length, PayloadFormat.JSON);
            spans.addAll(batch.spans());
            probes.addAll(batch.probes());
            logs.addAll(batch.logs());
            metrics.addAll(batch.metrics());
        }
        return new CanonicalBatch(spans, probes, logs, metrics);
    }

    private static void write(SimulationPlan plan, Path out) {
        try (CollectorFiles files = new CollectorFiles(out)) {
            new Simulator(plan).run(files);
        }
    }
}
