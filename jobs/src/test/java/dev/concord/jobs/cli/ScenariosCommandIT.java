package dev.concord.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.simulator.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shipped scenario library against the shipped rules, on the embedded engine: the "done when". */
class ScenariosCommandIT {

    static final Path SCENARIOS = Path.of("..", "simulator", "scenarios");
    static final Path RULES = Path.of("..", "slo-rules", "rules");

    @Test
    void everyScenarioMeetsItsSloAlertExpectationsAndLeavesDecisionsUnchecked() {
        StringWriter out = new StringWriter();
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));

        int exit = cli.execute(
                "scenarios",
                "verify",
                "--scenarios",
                SCENARIOS.toString(),
                "--rules",
                RULES.toString(),
                "--parallelism",
                "1");

        System.out.print(out);
        List<String> lines = out.toString().lines().toList();
        int scenarios = ScenarioLoader.loadAll(SCENARIOS).size();
        assertThat(lines).hasSize(scenarios + 1);
        assertThat(lines.subList(0, scenarios))
                .allSatisfy(line -> assertThat(line)
                        .startsWith("PASS ")
                        .contains("[ok] ")
                        .contains("[not yet checkable] decision ")
                        .doesNotContain("FAILED"));
        assertThat(lines.get(scenarios)).isEqualTo(scenarios + " of " + scenarios + " scenarios passed, 0 failed");
        assertThat(exit).isZero();
    }
}
