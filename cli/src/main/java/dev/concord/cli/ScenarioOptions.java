package dev.concord.cli;

import dev.concord.simulator.scenario.Scenario;
import dev.concord.simulator.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where the scenario library is, shared by the commands that read it. */
final class ScenarioOptions {

    static final String DEFAULT_DIRECTORY = "simulator/scenarios";

    @Option(
            names = "--scenarios",
            defaultValue = DEFAULT_DIRECTORY,
            paramLabel = "DIR",
            description = "The scenario library (default: ${DEFAULT-VALUE}).")
    Path directory;

    List<Scenario> all() {
        return ScenarioLoader.loadAll(directory);
    }

    Scenario named(CommandSpec spec, String name) {
        return all().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "no scenario named " + name + " in " + directory + "; `concord scenarios list` lists them"));
    }
}
