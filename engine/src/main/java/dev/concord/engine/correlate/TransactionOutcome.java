package dev.concord.engine.correlate;

import java.util.List;

/**
 * One business transaction, from its first stage to its outcome.
 *
 * @param cloudProvider the cloud that served it: that of its first stage
 * @param cloudRegion the region of its first stage
 * @param tenant the tenant of its first stage
 * @param endEpochMillis when the outcome became known: the completing or failing span's end, or the deadline
 * @param failingStage empty when it succeeded
 * @param failingService empty when it succeeded, or when it timed out waiting for a stage no service started
 * @param stages every distinct span seen, in order of start
 * @param adjustedCount how many transactions this one stands for when traces are sampled: that of its first stage,
 *     where the sampling decision for the transaction was taken
 * @param errorLogSignatures distinct signatures of the error logs of its traces, known by its end; empty when logs
 *     are not joined
 */
public record TransactionOutcome(
        String transaction,
        String transactionId,
        String tenant,
        String cloudProvider,
        String cloudRegion,
        long startEpochMillis,
        long endEpochMillis,
        long durationMillis,
        boolean success,
        Outcome outcome,
        String failingStage,
        String failingService,
        List<StageRecord> stages,
        double adjustedCount,
        List<String> errorLogSignatures) {

    public TransactionOutcome {
        stages = List.copyOf(stages);
        errorLogSignatures = List.copyOf(errorLogSignatures);
    }

    TransactionOutcome withErrorLogSignatures(List<String> signatures) {
        return new TransactionOutcome(
                transaction,
                transactionId,
                tenant,
                cloudProvider,
                cloudRegion,
                startEpochMillis,
                endEpochMillis,
                durationMillis,
                success,
                outcome,
                failingStage,
                failingService,
                stages,
                adjustedCount,
                signatures);
    }
}
