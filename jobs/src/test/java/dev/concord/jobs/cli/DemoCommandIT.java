package dev.concord.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.jobs.ratio.MinuteSuccessRatio;
import dev.concord.jobs.sinks.JsonLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {

    private static final Instant OUTAGE_START = Instant.parse("2026-01-05T09:10:00Z");
    private static final Instant OUTAGE_END = Instant.parse("2026-01-05T09:20:00Z");

    @TempDir
    Path out;

    @Test
    void showsThePrimaryFailingDuringTheWarehouseOutageWhileTheSecondaryHolds() throws Exception {
        StringWriter stdout = new StringWriter();
        picocli.CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(stdout));

        int exit = cli.execute("demo", "--out", out.toString(), "--seed", "3");

        assertThat(exit).isZero();
        List<MinuteSuccessRatio> rows = JsonLines.read(out.resolve("success-ratio"), MinuteSuccessRatio.class);
        assertThat(rows).hasSize(60);
        assertThat(rows)
                .filteredOn(r -> r.cloudProvider().equals("aws") && during(r))
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.successRatio()).isZero());
        assertThat(rows)
                .filteredOn(r -> r.cloudProvider().equals("aws") && !during(r))
                .hasSize(20)
                .allSatisfy(r -> assertThat(r.successRatio()).isGreaterThan(0.9));
        assertThat(rows)
                .filteredOn(r -> r.cloudProvider().equals("gcp"))
                .hasSize(30)
                .allSatisfy(r -> assertThat(r.successRatio()).isGreaterThan(0.9));
        assertThat(stdout.toString())
                .contains("order-to-fulfillment: success ratio per minute of event time (UTC)")
                .contains("2026-01-05 09:10     0.0% (0/30) !")
                .contains("Wrote 60 rows as JSON lines to");
    }

    private static boolean during(MinuteSuccessRatio row) {
        Instant minute = Instant.ofEpochMilli(row.minuteStartEpochMillis());
        return !minute.isBefore(OUTAGE_START) && minute.isBefore(OUTAGE_END);
    }
}
