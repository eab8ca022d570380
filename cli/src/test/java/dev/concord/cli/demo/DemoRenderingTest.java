package dev.concord.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.signal.Evidence;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import dev.concord.services.GoldenFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's live view and summary rendered from fixed pipeline outputs, compared with {@code golden/demo-view.txt}
 * (escape codes written as {@code <ESC>}). {@code -Dgolden.update=true} rewrites the golden file.
 */
class DemoRenderingTest {

    private static final Path GOLDEN = GoldenFiles.resource("golden/demo-view.txt");
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final Timeline TIMELINE = new Timeline(
            "primary-warehouse-outage",
            "warehouse-api hard down in aws us-east-1 for 30 minutes",
            START,
            START.plusSeconds(2 * 3600),
            START.plusSeconds(45 * 60),
            List.of("warehouse-api-down (hard-down) on warehouse-api aws us-east-1 from 08:45 to 09:15"));

    @Test
    void rendersTheLiveViewAndTheSummaryAsTheGoldenFileHasThem() throws IOException {
        String rendered = "== plain\n" + render(false) + "== terminal\n" + render(true) + "== summary\n"
                + String.join("\n", Narration.summary(TIMELINE, alerts(), List.of(shift(), vetoed()), "Wrote it."))
                + "\n";
        String visible = rendered.replace(LiveView.ESC, "<ESC>[");
        GoldenFiles.assertMatches(GOLDEN, visible);
    }

    @Test
    void plainOutputHasNoEscapeCodeAndTheTerminalOneRedrawsInPlace() {
        assertThat(render(false)).doesNotContain("\u001b");
        assertThat(render(true)).contains(LiveView.ESC + "4F" + LiveView.ESC + "J");
    }

    @Test
    void aCellShowsTheWorstOfItsSlosAndTenantsAndAnOlderSnapshotNeverReplacesANewer() {
        StatusBoard board = new StatusBoard();
        board.accept(snapshot("order-to-fulfillment-availability", "acme", 50, 0.5, 40.0, List.of("page:60/5")));
        board.accept(snapshot("order-to-fulfillment-availability", "globex", 50, 0.99, 0.5, List.of()));
        board.accept(snapshot("order-to-fulfillment-availability", "acme", 49, 1.0, 0.0, List.of()));

        assertThat(board.render())
                .last()
                .asString()
                .startsWith("order-to-fulfillment")
                .contains(" 50.0%")
                .contains("40.00")
                .contains("PAGE");
        assertThat(board.simulatedUntil()).isEqualTo(minute(50));
    }

    private static String render(boolean ansi) {
        StringWriter text = new StringWriter();
        LiveView view = new LiveView(new PrintWriter(text), ansi, TIMELINE);
        view.show(List.of(
                snapshot("order-to-fulfillment-availability", "acme", 40, 1.0, 0.0, List.of()), snapshotGcp(40)));
        List<Object> outage = new ArrayList<>();
        outage.add(snapshot("order-to-fulfillment-availability", "acme", 70, 0.0, 31.06, List.of("page:60/5")));
        outage.add(snapshotGcp(70));
        outage.addAll(alerts());
        outage.add(shift());
        view.show(outage);
        view.show(List.of(snapshot("order-to-fulfillment-availability", "acme", 120, 1.0, 2.5, List.of())));
        view.finish();
        return text.toString();
    }

    private static SloSnapshot snapshot(
            String slo, String tenant, int minute, double sli, double hourBurn, List<String> firing) {
        return new SloSnapshot(
                slo,
                "order-to-fulfillment",
                "aws",
                "us-east-1",
                tenant,
                minute(minute),
                0.999,
                false,
                1000,
                0.99,
                hourBurn > 14 ? -2.5 : 0.75,
                List.of(
                        new WindowBurn(5, 20, 20 * sli, sli, (1 - sli) / 0.001),
                        new WindowBurn(60, 240, 0, 0, hourBurn)),
                firing);
    }

    private static SloSnapshot snapshotGcp(int minute) {
        return new SloSnapshot(
                "order-to-fulfillment-availability",
                "order-to-fulfillment",
                "gcp",
                "us-central1",
                "acme",
                minute(minute),
                0.999,
                false,
                800,
                1.0,
                1.0,
                List.of(new WindowBurn(5, 15, 15, 1.0, 0), new WindowBurn(60, 180, 180, 1.0, 0)),
                List.of());
    }

    private static List<SloAlert> alerts() {
        return List.of(
                alert("page", 60, 5, 14.4, true, 46, 31.06, 200.0),
                alert("ticket", 1440, 120, 3, true, 46, 31.06, 31.06),
                alert("page", 60, 5, 14.4, false, 80, 12.0, 0.0));
    }

    private static SloAlert alert(
            String severity,
            int longWindow,
            int shortWindow,
            double factor,
            boolean firing,
            int minute,
            double longBurn,
            double shortBurn) {
        return new SloAlert(
                "order-to-fulfillment-availability",
                "order-to-fulfillment",
                "aws",
                "us-east-1",
                "acme",
                severity,
                longWindow,
                shortWindow,
                factor,
                firing,
                minute(minute),
                longBurn,
                shortBurn,
                -2.0056,
                Map.of(),
                Map.of());
    }

    private static DecisionRecord shift() {
        return new DecisionRecord(
                "warehouse/aws/20260105T085000Z",
                "warehouse",
                "fulfillment",
                Action.SHIFT_TRAFFIC,
                DecisionState.RECOMMENDED,
                new DecisionRecord.DecisionScope("aws", "us-east-1", null),
                "aws",
                "gcp",
                new DecisionRecord.Weights(0, 100),
                "2026-01-05T08:50:00Z",
                new DecisionRecord.QuorumCount(2, 2, List.of("trace_slo", "probes")),
                List.of(
                        new DecisionRecord.Signal(
                                "trace_slo",
                                "FAILING",
                                new Evidence("error_ratio", 1.0, 0.05, "1m", 0.0001, 42L, null)),
                        new DecisionRecord.Signal(
                                "probes", "FAILING", new Evidence("failed_runs", 6.0, null, "1m", null, 6L, 3)),
                        new DecisionRecord.Signal("dependency", "FAILING", null)),
                List.of(),
                null);
    }

    private static DecisionRecord vetoed() {
        return new DecisionRecord(
                "erp-database/aws/20260105T085500Z",
                "erp-database",
                "finance",
                Action.PROMOTE_STANDBY,
                DecisionState.VETOED,
                new DecisionRecord.DecisionScope("aws", null, null),
                "aws",
                "gcp",
                null,
                "2026-01-05T08:55:00Z",
                new DecisionRecord.QuorumCount(2, 2, List.of("trace_slo", "health")),
                List.of(),
                List.of(new DecisionRecord.Veto("replication_lag", 45.0, 30.0, "replication lag above the RPO")),
                new DecisionRecord.Confirmation("alice", "2026-01-05T08:58:00Z", "primary lost"));
    }

    private static long minute(int minutes) {
        return START.plusSeconds(minutes * 60L).toEpochMilli();
    }
}
