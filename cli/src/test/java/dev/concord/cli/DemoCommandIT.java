package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.slo.SloAlert;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code concord demo} end to end in process: the default scenario through the whole pipeline, stdout a pipe. */
class DemoCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void theDefaultScenarioEndsWithASummaryOfThePagesAndDecisionsTheEngineWrote() throws Exception {
        StringWriter stdout = new StringWriter();
        picocli.CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(stdout));

        int exit = cli.execute(
                "demo",
                "--out",
                out.toString(),
                "--scenarios",
                Path.of("..", "simulator", "scenarios").toString(),
                "--rules",
                Path.of("..", "slo-rules", "rules").toString());

        assertThat(exit).isZero();
        String text = stdout.toString();
        assertThat(text).as("plain lines when stdout is not a terminal").doesNotContain("\u001b");
        assertThat(text)
                .contains("Concord demo: primary-warehouse-outage")
                .contains("simulated 08:00 [")
                .contains("Fault: warehouse-api-down (hard-down) on warehouse-api aws us-east-1 from 08:45 to 09:15.");

        List<SloAlert> alerts = read(out.resolve("alerts.jsonl"), SloAlert.class);
        assertThat(alerts)
                .as("the warehouse outage pages for order-to-fulfillment in the primary")
                .anySatisfy(a -> {
                    assertThat(a.firing()).isTrue();
                    assertThat(a.severity()).isEqualTo("page");
                    assertThat(a.slo()).isEqualTo("order-to-fulfillment-availability");
                    assertThat(a.cloudProvider()).isEqualTo("aws");
                });
        assertThat(alerts).noneSatisfy(a -> assertThat(a.cloudProvider()).isEqualTo("gcp"));
        String summary = text.substring(text.indexOf("Summary of primary-warehouse-outage"));
        long pages = alerts.stream()
                .filter(a -> a.firing() && a.severity().equals("page"))
                .count();
        assertThat(summary).contains("Alerts that fired: " + pages + " page");
        assertThat(summary).contains("PAGE   order-to-fulfillment-availability aws us-east-1 tenant acme (1h/5m)");
        assertThat(summary).contains("why: burn rate ");

        List<DecisionRecord> decisions = read(out.resolve("decisions.jsonl"), DecisionRecord.class);
        assertThat(decisions)
                .as("the engine decides something about the outage")
                .isNotEmpty();
        assertThat(summary).contains("Decisions: " + decisions.size() + ".");
        for (DecisionRecord decision : decisions) {
            String headline = decision.policy() + ": " + decision.action() + " " + decision.state();
            assertThat(summary).contains(headline);
            assertThat(text.substring(0, text.indexOf("Summary of")))
                    .as("printed as it happened")
                    .contains("DECISION " + headline);
            assertThat(summary).contains("quorum: " + decision.quorum().agreeing() + " of ");
        }
    }

    private static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readValue(line, type));
        }
        return records;
    }
}
