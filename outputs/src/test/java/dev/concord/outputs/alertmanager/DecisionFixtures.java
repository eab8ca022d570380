package dev.concord.outputs.alertmanager;

import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.signal.Evidence;
import java.util.List;

/** Decision records as the engine writes them, for the tests of what the outputs make of them. */
public final class DecisionFixtures {

    public static final String ID = "web-api/aws.us-east-1/20260105T091200Z";

    private DecisionFixtures() {}

    public static DecisionRecord decision(Action action, DecisionState state, String at) {
        return new DecisionRecord(
                ID,
                "web-api",
                "web-api",
                action,
                state,
                new DecisionRecord.DecisionScope("aws", "us-east-1", null),
                "aws",
                "gcp",
                action == Action.SHIFT_TRAFFIC ? new DecisionRecord.Weights(0, 100) : null,
                at,
                new DecisionRecord.QuorumCount(2, 2, List.of("probes", "health")),
                List.of(
                        new DecisionRecord.Signal(
                                "probes",
                                "FAILING",
                                new Evidence("failing_vantage_points", 3.0, 2.0, "1m", 0.001, 18L, 3)),
                        new DecisionRecord.Signal(
                                "health", "FAILING", new Evidence("failing_checks", 1.0, 0.0, "1m", null, 12L, null)),
                        new DecisionRecord.Signal(
                                "log_signatures",
                                "NO_DATA",
                                new Evidence("error_logs", null, null, "1m", null, 0L, null))),
                state == DecisionState.VETOED
                        ? List.of(new DecisionRecord.Veto(
                                "replication_lag", 720.0, 300.0, "lag is 720 s, above the RPO of 300 s"))
                        : List.of(),
                state == DecisionState.CONFIRMED
                        ? new DecisionRecord.Confirmation("alice", "2026-01-05T09:14:00Z", "primary lost")
                        : null);
    }
}
