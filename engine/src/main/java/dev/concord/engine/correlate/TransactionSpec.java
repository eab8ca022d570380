package dev.concord.engine.correlate;

import dev.concord.rules.model.BusinessTransaction;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the correlator needs to know of a business transaction: its ordered stages, the stage whose successful end
 * completes it, which failed spans fail it, and how long it may take before it counts as failed in the stage it is
 * stuck in.
 */
public record TransactionSpec(
        String name, List<String> stages, String completesAt, Duration maxDuration, Failure failure)
        implements Serializable {

    /**
     * Which failed spans fail the transaction. A failed root always does (the request carrying the transaction
     * failed); with {@code onStageError} so does a failed span of any stage. Either decides once {@code retryWithin}
     * has passed after the failed span's end without a successful span of the same stage ending in that time.
     */
    public record Failure(boolean onStageError, Duration retryWithin) implements Serializable {

        /** A failed stage fails the transaction at its end: no retry is waited for. */
        public static final Failure DEFAULT = new Failure(
                BusinessTransaction.Failure.DEFAULT.onStageError(), BusinessTransaction.Failure.DEFAULT.retryWithin());

        public Failure {
            Objects.requireNonNull(retryWithin, "retryWithin");
            if (retryWithin.isNegative()) {
                throw new IllegalArgumentException("retryWithin must not be negative, got " + retryWithin);
            }
        }
    }

    /** A transaction whose failed stages fail it at once. */
    public TransactionSpec(String name, List<String> stages, String completesAt, Duration maxDuration) {
        this(name, stages, completesAt, maxDuration, Failure.DEFAULT);
    }

    public TransactionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(failure, "failure");
        stages = List.copyOf(stages);
        Objects.requireNonNull(completesAt, "completesAt");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException(name + ": a transaction needs at least one stage");
        }
        if (!stages.contains(completesAt)) {
            throw new IllegalArgumentException(
                    name + ": completesAt " + completesAt + " is not one of its stages " + stages);
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException(name + ": maxDuration must be positive, got " + maxDuration);
        }
    }

    long maxDurationMillis() {
        return maxDuration.toMillis();
    }

    long retryWithinMillis() {
        return failure.retryWithin().toMillis();
    }

    /** The position of a stage in the order, or {@code stages().size()} for a stage the spec does not name. */
    int order(String stage) {
        int index = stages.indexOf(stage);
        return index < 0 ? stages.size() : index;
    }
}
