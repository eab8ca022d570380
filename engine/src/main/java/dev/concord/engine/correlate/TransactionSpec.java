package dev.concord.engine.correlate;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the correlator needs to know of a business transaction: its ordered stages, the stage whose successful end
 * completes it, and how long it may take before it counts as failed in the stage it is stuck in.
 */
public record TransactionSpec(String name, List<String> stages, String completesAt, Duration maxDuration)
        implements Serializable {

    public TransactionSpec {
        Objects.requireNonNull(name, "name");
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

    /** The position of a stage in the order, or {@code stages().size()} for a stage the spec does not name. */
    int order(String stage) {
        int index = stages.indexOf(stage);
        return index < 0 ? stages.size() : index;
    }
}
