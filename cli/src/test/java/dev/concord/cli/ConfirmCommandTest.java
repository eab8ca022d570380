package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.ControlChannelTest;
import dev.concord.engine.decide.OperatorConfirmation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfirmCommandTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:27:00Z");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @BeforeEach
    void fixClock() {
        ConfirmCommand.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @AfterEach
    void restoreClock() {
        ConfirmCommand.clock = Clock.systemUTC();
    }

    private int run(String... args) {
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesAConfirmationTheDecisionJobReadsBack() throws Exception {
        Path control = dir.resolve("control");

        int status = run(
                "confirm",
                "erp-database/aws/20260105T102500Z",
                "--by",
                "alice",
                "--reason",
                "primary lost",
                "--control-dir",
                control.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).contains("confirmation of erp-database/aws/20260105T102500Z by alice");
        List<OperatorConfirmation> read = ControlChannelTest.readAll(control);
        assertThat(read)
                .containsExactly(new OperatorConfirmation(
                        "erp-database/aws/20260105T102500Z", "alice", "primary lost", NOW.toEpochMilli()));
        assertThat(Files.getPosixFilePermissions(control)).hasSize(3);
    }

    @Test
    void takesTheConfirmationTimeFromAtForAReplay() throws Exception {
        Path control = dir.resolve("control");

        run(
                "confirm",
                "erp-database/aws/20260105T102500Z",
                "--by",
                "bob",
                "--at",
                "2026-01-05T10:30:00Z",
                "--control-dir",
                control.toString());

        assertThat(ControlChannelTest.readAll(control))
                .extracting(OperatorConfirmation::atMillis)
                .containsExactly(Instant.parse("2026-01-05T10:30:00Z").toEpochMilli());
    }

    @Test
    void refusesADecisionIdWithoutAPolicyWithTwo() {
        assertThat(run("confirm", "nonsense", "--by", "alice", "--control-dir", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("DECISION_ID must look like POLICY/SCOPE/TIME");
    }

    @Test
    void refusesAConfirmationWithoutAName() {
        assertThat(run("confirm", "erp-database/aws/20260105T102500Z")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--by=NAME'");
    }
}
