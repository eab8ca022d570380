package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScenariosListTest {

    @Test
    void listsEveryScenarioWithItsDescriptionInNameOrder() {
        StringWriter out = new StringWriter();
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("scenarios", "list", "--scenarios", ScenariosCommandIT.SCENARIOS.toString());

        assertThat(exit).isZero();
        assertThat(out.toString().lines().toList())
                .hasSize(14)
                .first()
                .asString()
                .startsWith("bad-release")
                .endsWith("warehouse-api 2.5.0 in aws fails 30% of calls until it is rolled back");
        assertThat(out.toString()).contains("healthy-day ").contains("erp-queue-lag ");
    }

    @Test
    void verifyingAnUnknownScenarioNamesItAndExitsWithTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = ConcordCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute(
                "scenarios",
                "verify",
                "nope",
                "--scenarios",
                ScenariosCommandIT.SCENARIOS.toString(),
                "--rules",
                ScenariosCommandIT.RULES.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no scenario named nope");
    }
}
