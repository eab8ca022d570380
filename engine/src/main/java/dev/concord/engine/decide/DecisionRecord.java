package dev.concord.engine.decide;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.concord.engine.decide.signal.Evidence;
import java.util.List;

/**
 * One state transition of one failover decision: what is recommended, why (every family's verdict with its
 * evidence, and which counted towards the quorum), what stopped it, and who confirmed it. Written as JSON with the
 * field names of {@code schemas/decision-record.schema.json}.
 *
 * @param eventTime RFC 3339, UTC
 * @param weights suggested traffic weights for a shift, null otherwise
 * @param confirmation null until an operator confirms
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
    "decision_id",
    "policy",
    "domain",
    "action",
    "state",
    "scope",
    "from",
    "to",
    "weights",
    "event_time",
    "quorum",
    "signals",
    "vetoes",
    "confirmation"
})
public record DecisionRecord(
        @JsonProperty("decision_id") String decisionId,
        String policy,
        String domain,
        Action action,
        DecisionState state,
        DecisionScope scope,
        String from,
        String to,
        Weights weights,
        @JsonProperty("event_time") String eventTime,
        QuorumCount quorum,
        List<Signal> signals,
        List<Veto> vetoes,
        Confirmation confirmation) {

    public DecisionRecord {
        signals = List.copyOf(signals);
        vetoes = List.copyOf(vetoes);
    }

    /** A null region or tenant means all of them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DecisionScope(String cloud, String region, String tenant) {}

    /** Percent of the scope's traffic to leave on {@code from} and to send to {@code to}. */
    public record Weights(int from, int to) {}

    /** @param counted the independent FAILING families that made up the quorum */
    public record QuorumCount(int required, int agreeing, List<String> counted) {
        public QuorumCount {
            counted = List.copyOf(counted);
        }
    }

    public record Signal(String family, String verdict, Evidence evidence) {}

    /** @param kind {@code replication_lag}, {@code target_degraded} or {@code release_correlation} */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Veto(String kind, Double value, Double limit, String message) {}

    /** @param at RFC 3339, when the operator confirmed */
    public record Confirmation(String by, String at, String reason) {}
}
