package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.cli.scenarios.ScenarioRun;
import dev.concord.cli.scenarios.ScenarioVerifier;
import dev.concord.cli.scenarios.ScriptedConfirmations;
import dev.concord.cli.scenarios.Verdict;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.testing.DecisionRecordSchema;
import dev.concord.jobs.replay.Replay;
import dev.concord.rules.Rules;
import dev.concord.simulator.scenario.Scenario;
import dev.concord.simulator.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * What an operator gets from the command line (simulate to files, replay them, confirm the pending decision, replay
 * with the confirmation) is what {@code concord scenarios verify} judged: the same decision records.
 */
class ScenarioReplayIT {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"primary-warehouse-outage", "erp-database-outage-lag-below-rpo"})
    void concordReplayOverTheSimulatedFilesDecidesWhatTheVerifierDecided(String name) throws Exception {
        Scenario scenario = ScenarioLoader.load(ScenariosCommandIT.SCENARIOS.resolve(name + ".yaml"));
        EngineRules rules =
                EngineRules.from(Rules.check(List.of(ScenariosCommandIT.RULES)).rules());
        ScenarioRun verified = new ScenarioVerifier(rules, 1, dir.resolve("verifier"), false).run(scenario);

        Path files = dir.resolve("files");
        Path out = dir.resolve("replay");
        Path control = dir.resolve("control");
        assertThat(run(
                        "simulate",
                        "--scenario",
                        name,
                        "--scenarios",
                        ScenariosCommandIT.SCENARIOS.toString(),
                        "--out",
                        files.toString()))
                .as(err.toString())
                .isZero();
        String[] replay = {
            "replay",
            "--input",
            files.toString(),
            "--rules",
            ScenariosCommandIT.RULES.toString(),
            "--out",
            out.toString(),
            "--to",
            scenario.plan().end().toString(),
            "--parallelism",
            "1"
        };
        assertThat(run(replay)).as(err.toString()).isZero();
        List<OperatorConfirmation> confirmations = ScriptedConfirmations.of(
                scenario, JsonLines.readFile(out.resolve(Replay.DECISIONS), DecisionRecord.class));
        for (OperatorConfirmation c : confirmations) {
            assertThat(run(
                            "confirm",
                            c.decisionId(),
                            "--by",
                            c.by(),
                            "--reason",
                            c.reason(),
                            "--at",
                            Instant.ofEpochMilli(c.atMillis()).toString(),
                            "--control-dir",
                            control.toString()))
                    .isZero();
        }
        if (!confirmations.isEmpty()) {
            assertThat(run(concat(replay, "--confirmations", control.toString())))
                    .as(err.toString())
                    .isZero();
        }
        List<DecisionRecord> replayed = JsonLines.readFile(out.resolve(Replay.DECISIONS), DecisionRecord.class);

        assertThat(replayed).isNotEmpty().isEqualTo(verified.decisions());
        assertThat(DecisionRecordSchema.assertValidFile(out.resolve(Replay.DECISIONS)))
                .isEqualTo(replayed.size());
        assertThat(confirmations.isEmpty())
                .isEqualTo(replayed.stream().noneMatch(r -> r.state() == DecisionState.CONFIRMED));
        Verdict fromFiles = ScenarioVerifier.check(
                scenario,
                new ScenarioRun(
                        List.of(), JsonLines.readFile(out.resolve(Replay.ALERTS), SloAlert.class), replayed, 0, 0),
                Duration.ZERO);
        assertThat(fromFiles.passed()).as(fromFiles.line()).isTrue();
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
