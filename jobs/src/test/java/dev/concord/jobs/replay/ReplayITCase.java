package dev.concord.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.testing.OtlpRecording;
import dev.concord.engine.testing.WarehouseOutage;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.Span;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.simulator.SimulationSettings;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayITCase {

    private static final Instant START = SimulationSettings.DEFAULT_START;
    private static final Instant OUTAGE = START.plus(Duration.ofMinutes(10));
    private static final String RULES = WarehouseOutage.RULES;

    @TempDir
    static Path recording;

    private static EngineRules rules;

    @BeforeAll
    static void record() throws Exception {
        List<Span> spans = WarehouseOutage.spans(21);
        // out of order across lines and files, as several collectors would write them
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < spans.size(); i += 50) {
            lines.add(OtlpRecording.line(spans.subList(i, Math.min(i + 50, spans.size()))));
        }
        // the warehouse logs each rejected reservation, in the trace of the order it failed
        List<LogRecord> errors = spans.stream()
                .filter(s -> s.resource().serviceName().equals("warehouse-api") && s.failed())
                .map(s -> new LogRecord(
                        s.resource(),
                        s.endTimeUnixNano(),
                        s.endTimeUnixNano(),
                        17,
                        "ERROR",
                        "warehouse unavailable: reservation "
                                + Math.floorMod(s.spanId().hashCode(), 100_000) + " rejected",
                        s.traceId(),
                        s.spanId(),
                        Map.of()))
                .toList();
        for (int i = 0; i < errors.size(); i += 40) {
            lines.add(OtlpRecording.logLine(errors.subList(i, Math.min(i + 40, errors.size()))));
        }
        Collections.shuffle(lines, new Random(5));
        int half = lines.size() / 2;
        Files.write(recording.resolve("traces-1.jsonl"), lines.subList(0, half));
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(recording.resolve("traces-2.jsonl.gz")))) {
            for (String line : lines.subList(half, lines.size())) {
                gz.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.writeString(recording.resolve("traces-3.jsonl"), "{\"resourceSpans\": [{\"scopeSpans\": 7}]}\n");
        Path rulesFile = Files.writeString(recording.resolve("rules.yaml"), RULES);
        CheckResult checked = Rules.check(List.of(rulesFile));
        assertThat(checked.valid()).as(checked.problems().toString()).isTrue();
        rules = EngineRules.from(checked.rules());
    }

    @Test
    void findsThePrimaryOutageInARecordingSpreadOverPlainAndGzippedFiles(@TempDir Path out) throws Exception {
        RecordedTelemetry telemetry = RecordedTelemetry.read(List.of(recording));

        Replay.Summary summary = Replay.run(telemetry, rules, out, null, null, 2);

        assertThat(summary.problems()).singleElement().asString().contains("traces-3.jsonl:1:");
        assertThat(summary.transactions()).isEqualTo(2 * 30 * 30);
        assertThat(out.resolve(".parts")).doesNotExist();
        List<SloAlert> alerts = readLines(out.resolve(Replay.ALERTS), SloAlert.class);
        SloAlert firstPage = alerts.stream()
                .filter(a -> a.firing() && a.severity().equals("page"))
                .findFirst()
                .orElseThrow();
        assertThat(firstPage.cloudProvider()).isEqualTo("aws");
        assertThat(firstPage.eventTimeMillis() - OUTAGE.toEpochMilli()).isBetween(0L, 120_000L);
        assertThat(alerts).noneMatch(a -> a.cloudProvider().equals("gcp"));
        List<TransactionOutcome> outcomes = readLines(out.resolve(Replay.TRANSACTIONS), TransactionOutcome.class);
        assertThat(outcomes)
                .filteredOn(o -> o.failingStage().equals("warehouse-reservation"))
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.errorLogSignatures())
                        .containsExactly("warehouse unavailable: reservation <n> rejected"));
        assertThat(outcomes)
                .filteredOn(TransactionOutcome::success)
                .allSatisfy(o -> assertThat(o.errorLogSignatures()).isEmpty());
        assertThat(readLines(out.resolve(Replay.TRANSACTIONS), TransactionOutcome.class))
                .isSortedAccordingTo(java.util.Comparator.comparingLong(TransactionOutcome::endEpochMillis));
    }

    @Test
    void writesByteIdenticalFilesAtParallelismOneAndTwo(@TempDir Path one, @TempDir Path two) throws Exception {
        RecordedTelemetry telemetry = RecordedTelemetry.read(List.of(recording));

        Replay.run(telemetry, rules, one, null, null, 1);
        Replay.run(telemetry, rules, two, null, null, 2);

        for (String file : List.of(Replay.TRANSACTIONS, Replay.SLO, Replay.ALERTS)) {
            assertThat(Files.readAllBytes(two.resolve(file)))
                    .as(file)
                    .isNotEmpty()
                    .isEqualTo(Files.readAllBytes(one.resolve(file)));
        }
    }

    @Test
    void leavesOutSpansOutsideTheChosenTimeRange(@TempDir Path out) throws Exception {
        RecordedTelemetry telemetry = RecordedTelemetry.read(List.of(recording));

        Replay.Summary summary = Replay.run(
                telemetry, rules, out, START.plus(Duration.ofMinutes(20)), START.plus(Duration.ofMinutes(25)), 2);

        assertThat(summary.spansReplayed()).isLessThan(summary.spansRead());
        assertThat(summary.evaluatedUntil()).isEqualTo(START.plus(Duration.ofMinutes(25)));
        assertThat(readLines(out.resolve(Replay.TRANSACTIONS), TransactionOutcome.class))
                .allSatisfy(o -> assertThat(o.endEpochMillis())
                        .isGreaterThanOrEqualTo(
                                START.plus(Duration.ofMinutes(20)).toEpochMilli()));
    }

    private static <T> List<T> readLines(Path file, Class<T> type) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(json.readValue(line, type));
        }
        return records;
    }
}
