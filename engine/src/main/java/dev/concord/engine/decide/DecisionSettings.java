package dev.concord.engine.decide;

import java.io.Serializable;
import java.time.Duration;

/**
 * How often policies are evaluated, how long confirmations live, how releases are recognised. How each policy's
 * families judge their evidence is the policy's own ({@link PolicySpec#judgement()}).
 */
public final class DecisionSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How far out of event-time order the decision inputs may come: their watermarks lag this much. */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    /** A decision input silent this long no longer holds the evaluator's watermark back. */
    public static final Duration IDLENESS = Duration.ofMinutes(1);

    /** Event time between two evaluations of a policy. */
    public static final Duration DEFAULT_EVALUATE_EVERY = Duration.ofSeconds(10);
    /** A decision pending confirmation for this long expires. */
    public static final Duration DEFAULT_CONFIRMATION_TIMEOUT = Duration.ofMinutes(15);
    /** A confirmation that matched no pending decision within this long is dropped. */
    public static final Duration DEFAULT_CONFIRMATION_TTL = Duration.ofMinutes(10);
    /** A service version first seen this recently, replacing another, is a new release. */
    public static final Duration DEFAULT_RELEASE_LOOKBACK = Duration.ofHours(1);
    /** Share of the window's failures in new releases that makes them the cause. */
    public static final double DEFAULT_RELEASE_SHARE = 0.8;

    private final long evaluateEveryMillis;
    private final long confirmationTimeoutMillis;
    private final long confirmationTtlMillis;
    private final long releaseLookbackMillis;
    private final double releaseShare;

    private DecisionSettings(Builder b) {
        this.evaluateEveryMillis = b.evaluateEvery.toMillis();
        this.confirmationTimeoutMillis = b.confirmationTimeout.toMillis();
        this.confirmationTtlMillis = b.confirmationTtl.toMillis();
        this.releaseLookbackMillis = b.releaseLookback.toMillis();
        this.releaseShare = b.releaseShare;
    }

    public static DecisionSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public long evaluateEveryMillis() {
        return evaluateEveryMillis;
    }

    public long confirmationTimeoutMillis() {
        return confirmationTimeoutMillis;
    }

    public long confirmationTtlMillis() {
        return confirmationTtlMillis;
    }

    public long releaseLookbackMillis() {
        return releaseLookbackMillis;
    }

    public double releaseShare() {
        return releaseShare;
    }

    public static final class Builder {
        private Duration evaluateEvery = DEFAULT_EVALUATE_EVERY;
        private Duration confirmationTimeout = DEFAULT_CONFIRMATION_TIMEOUT;
        private Duration confirmationTtl = DEFAULT_CONFIRMATION_TTL;
        private Duration releaseLookback = DEFAULT_RELEASE_LOOKBACK;
        private double releaseShare = DEFAULT_RELEASE_SHARE;

        private Builder() {}

        public Builder evaluateEvery(Duration every) {
            this.evaluateEvery = positive("evaluateEvery", every);
            return this;
        }

        public Builder confirmationTimeout(Duration timeout) {
            this.confirmationTimeout = positive("confirmationTimeout", timeout);
            return this;
        }

        public Builder confirmationTtl(Duration ttl) {
            this.confirmationTtl = positive("confirmationTtl", ttl);
            return this;
        }

        public Builder releaseLookback(Duration lookback) {
            this.releaseLookback = positive("releaseLookback", lookback);
            return this;
        }

        public Builder releaseShare(double share) {
            if (!(share > 0.5 && share <= 1)) {
                throw new IllegalArgumentException("releaseShare must be in (0.5, 1]: " + share);
            }
            this.releaseShare = share;
            return this;
        }

        public DecisionSettings build() {
            return new DecisionSettings(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero() || value.toMillis() < 1000) {
                throw new IllegalArgumentException(name + " must be at least 1s: " + value);
            }
            return value;
        }
    }
}
