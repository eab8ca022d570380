package dev.concord.simulator.scenario;

import dev.concord.simulator.SimulationPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A named fault story: what to simulate, and what Concord is expected to make of it. */
public record Scenario(
        String name,
        String description,
        Path file,
        SimulationPlan plan,
        List<AlertExpectation> alerts,
        List<DecisionExpectation> decisions) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(plan, "plan");
        alerts = List.copyOf(alerts);
        decisions = List.copyOf(decisions);
    }
}
