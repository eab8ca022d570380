package dev.concord.cli;

import dev.concord.cli.scenarios.ScenarioVerifier;
import dev.concord.cli.scenarios.Verdict;
import dev.concord.engine.rules.EngineRules;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.simulator.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The fault-scenario library: list it, and verify Concord against it on the embedded engine. */
@Command(
        name = "scenarios",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "The fault-scenario library (simulator/scenarios).",
        subcommands = {ScenariosCommand.ListScenarios.class, ScenariosCommand.Verify.class})
final class ScenariosCommand implements Runnable {

    static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: list or verify");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = ConcordVersion.class,
            description = "One line per scenario: name, faults.")
    static final class ListScenarios implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ScenarioOptions scenarios;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Scenario scenario : scenarios.all()) {
                out.printf("%-36s %s%n", scenario.name(), scenario.description());
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            versionProvider = ConcordVersion.class,
            description = "Run each scenario (all without NAME) through the embedded engine with the rules and print"
                    + " one line per scenario: PASS or FAIL and each expectation (SLO alerts and failover decisions) with its detection"
                    + " time against the allowed time. Exit 1 on any failure.")
    static final class Verify implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ScenarioOptions scenarios;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Scenarios to verify (default: all).")
        private List<String> names = new ArrayList<>();

        @Option(
                names = "--rules",
                defaultValue = "slo-rules/rules",
                paramLabel = "DIR",
                description = "The rules the engine runs (default: ${DEFAULT-VALUE}).")
        private Path rules;

        @Option(
                names = "--parallelism",
                defaultValue = "1",
                description = "Parallelism of the embedded engine (default: ${DEFAULT-VALUE}).")
        private int parallelism;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                description = "Keep each scenario's replay files (transactions.jsonl, alerts.jsonl, decisions.jsonl,"
                        + " ...) in DIR/NAME (default: a temporary directory, removed).")
        private Path keep;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(rules)) {
                throw new ParameterException(spec.commandLine(), "no rules at " + rules);
            }
            CheckResult checked = Rules.check(List.of(rules));
            if (!checked.valid()) {
                throw new ParameterException(
                        spec.commandLine(), rules + " has invalid rules: run `concord rules check " + rules + "`");
            }
            List<Scenario> chosen = names.isEmpty()
                    ? scenarios.all()
                    : names.stream().map(name -> scenarios.named(spec, name)).toList();
            Path work = keep != null ? keep : Files.createTempDirectory("concord-scenarios");
            ScenarioVerifier verifier =
                    new ScenarioVerifier(EngineRules.from(checked.rules()), parallelism, work, keep != null);
            PrintWriter out = spec.commandLine().getOut();
            int failed = 0;
            List<String> gaps = new ArrayList<>();
            for (Scenario scenario : chosen) {
                Verdict verdict = verifier.verify(scenario);
                out.println(verdict.line());
                out.flush();
                failed += verdict.passed() ? 0 : 1;
                if (verdict.passed() && verdict.knownGaps()) {
                    gaps.add(scenario.name());
                }
            }
            if (keep == null) {
                Files.deleteIfExists(work);
            }
            out.printf(
                    "%d of %d scenarios passed, %d failed%s%n",
                    chosen.size() - failed - gaps.size(),
                    chosen.size(),
                    failed,
                    gaps.isEmpty() ? "" : ", " + gaps.size() + " miss only known gaps: " + String.join(", ", gaps));
            out.flush();
            return failed == 0 ? 0 : FAILED;
        }
    }
}
