package dev.concord.rules.model;

import dev.concord.rules.Conventions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * When a layer should move from its primary to its secondary cloud, how far, and what may stop it. A recommendation
 * needs {@code quorum.atLeast} signal families to agree; any veto turns it into no action (or a rollback, for a
 * release correlation).
 */
public record FailoverPolicy(
        Metadata metadata,
        String description,
        Layer layer,
        HaPattern pattern,
        Clouds clouds,
        List<Scope> scopes,
        Signals signals,
        Quorum quorum,
        Vetoes vetoes,
        Confirmation confirmation,
        Timing timing,
        Judgement judgement,
        Replay replay,
        Origin origin)
        implements RuleDocument {

    public FailoverPolicy {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String kind() {
        return Conventions.KIND_FAILOVER_POLICY;
    }

    public record Clouds(String primary, String secondary) {}

    public record Quorum(int atLeast) {}

    /**
     * Replication lag above the RPO forbids a write failover; a degraded target forbids any; a release that
     * correlates with the degradation turns the recommendation into a rollback.
     */
    public record Vetoes(ReplicationLag replicationLag, boolean targetDegraded, boolean releaseCorrelation) {

        public static final Vetoes NONE = new Vetoes(null, false, false);
    }

    public record ReplicationLag(String guard, Duration rpo) {}

    public record Confirmation(boolean required) {}

    /**
     * The quorum must hold for {@code forDuration} before a recommendation; none follows another within
     * {@code cooldown}; the primary must be healthy for {@code stableBeforeFailback} before failing back.
     */
    public record Timing(Duration forDuration, Duration cooldown, Duration stableBeforeFailback) {

        public static final Timing DEFAULT =
                new Timing(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(15));
    }

    /**
     * How each signal family judges its evidence. A family's window is at least {@code window} and grows, up to
     * {@code maxWindow}, until it holds {@code minSamples} checks or calls per subject (and {@code
     * minRunsPerVantagePoint} runs per probe vantage point), so telemetry that comes once a minute or every five is
     * judged over the runs it gives; the {@code baseline} before the window is what "worse than usual" compares
     * with, at the {@code confidence} of a one-sided test.
     */
    public record Judgement(
            BigDecimal confidence,
            int minSamples,
            int minRunsPerVantagePoint,
            Duration window,
            Duration maxWindow,
            Duration baseline) {

        public static final Judgement DEFAULT = new Judgement(
                new BigDecimal("0.98"), 5, 3, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    /** For asynchronous layers: how far back the secondary replays what the primary had not processed. */
    public record Replay(Duration maxAge) {}
}
