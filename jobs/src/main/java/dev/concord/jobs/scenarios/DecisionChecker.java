package dev.concord.jobs.scenarios;

import dev.concord.simulator.scenario.DecisionExpectation;
import dev.concord.simulator.scenario.Scenario;

/**
 * Judges a scenario's expected failover decision. The decision engine plugs its own checker in here; until then
 * {@link #NOT_YET_CHECKABLE} reports every decision expectation as not checked, never as passed.
 */
@FunctionalInterface
public interface DecisionChecker {

    DecisionChecker NOT_YET_CHECKABLE = (scenario, expected, run) -> new Check(
            Check.Status.NOT_YET_CHECKABLE,
            "decision " + expected.describe() + " within " + Durations.text(expected.within())
                    + ": the decision engine has not landed");

    Check check(Scenario scenario, DecisionExpectation expected, ScenarioRun run);
}
