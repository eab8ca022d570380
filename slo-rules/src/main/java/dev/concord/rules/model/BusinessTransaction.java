package dev.concord.rules.model;

import dev.concord.rules.Conventions;
import java.time.Duration;
import java.util.List;

/**
 * A business transaction as telemetry shows it: spans carrying its name, an id per instance and the stage they
 * belong to. It succeeds when {@code completesAt} completes; it fails when a stage fails as {@code failure} says, and
 * one still open after {@code maxDuration} has failed in the stage it is in.
 */
public record BusinessTransaction(
        Metadata metadata,
        String description,
        Match match,
        List<String> stages,
        String completesAt,
        Duration maxDuration,
        Failure failure,
        Origin origin)
        implements RuleDocument {

    public BusinessTransaction {
        stages = List.copyOf(stages);
    }

    /**
     * Which failed spans fail an instance: a failed root always, a failed span of any stage with {@code onStageError};
     * either once {@code retryWithin} has passed after its end without a successful span of the same stage.
     */
    public record Failure(boolean onStageError, Duration retryWithin) {

        public static final Failure DEFAULT = new Failure(true, Duration.ZERO);
    }

    @Override
    public String kind() {
        return Conventions.KIND_BUSINESS_TRANSACTION;
    }

    /** The span attributes that carry the transaction's name, instance id and stage. */
    public record Match(String transactionAttribute, String idAttribute, String stageAttribute) {

        public static final Match DEFAULT = new Match(
                Conventions.DEFAULT_TRANSACTION_ATTRIBUTE,
                Conventions.DEFAULT_ID_ATTRIBUTE,
                Conventions.DEFAULT_STAGE_ATTRIBUTE);
    }
}
