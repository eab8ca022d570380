package dev.concord.cli;

import dev.concord.cli.demo.Demo;
import dev.concord.engine.rules.EngineRules;
import dev.concord.outputs.ExternalOutputs;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.simulator.SimulationPlan;
import dev.concord.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code concord demo}: a fault scenario through the whole pipeline on the embedded engine, watched live. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Simulate a fault scenario of the library (default: the primary's warehouse API down) in "
                + "process and run it through the whole pipeline on the embedded engine: transactions, SLOs, "
                + "burn-rate alerts and failover decisions. Shows a live status table of transactions x clouds "
                + "(plain lines when stdout is not a terminal), then what was detected, when and why. Writes "
                + "transactions.jsonl, slo.jsonl, alerts.jsonl and decisions.jsonl to --out.")
final class DemoCommand implements Callable<Integer> {

    static final String DEFAULT_SCENARIO = "primary-warehouse-outage";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ScenarioOptions scenarios;

    @Mixin
    private OutputOptions outputOptions;

    @Option(
            names = "--scenario",
            defaultValue = DEFAULT_SCENARIO,
            paramLabel = "NAME",
            description = "The scenario to run (default: ${DEFAULT-VALUE}; `concord scenarios list` lists them).")
    private String name;

    @Option(
            names = "--rules",
            defaultValue = "slo-rules/rules",
            paramLabel = "DIR",
            description = "The rules the engine runs (default: ${DEFAULT-VALUE}).")
    private Path rules;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Simulator seed (default: the scenario's own); the same seed gives the same run.")
    private Long seed;

    @Option(
            names = "--out",
            defaultValue = "concord-out",
            paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the embedded engine (default: ${DEFAULT-VALUE}).")
    private int parallelism;

    @Option(
            names = "--plain",
            description = "Plain lines at checkpoints instead of the live table, even on a terminal.")
    private boolean plain;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        if (!Files.exists(rules)) {
            throw new ParameterException(spec.commandLine(), "no rules at " + rules);
        }
        CheckResult checked = Rules.check(List.of(rules));
        if (!checked.valid()) {
            throw new ParameterException(
                    spec.commandLine(), rules + " has invalid rules: run `concord rules check " + rules + "`");
        }
        Scenario scenario = scenarios.named(spec, name);
        SimulationPlan plan = seed == null ? scenario.plan() : Demo.withSeed(scenario.plan(), seed);
        boolean terminal = !plain && System.console() != null;
        ExternalOutputs outputs = outputOptions.outputs();
        outputOptions.describe(outputs, spec.commandLine().getOut());
        new Demo(EngineRules.from(checked.rules()), out, parallelism, outputs)
                .run(scenario, plan, spec.commandLine().getOut(), terminal);
        return 0;
    }
}
