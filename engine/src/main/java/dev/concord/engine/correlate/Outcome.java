package dev.concord.engine.correlate;

/** How a business transaction ended. */
public enum Outcome {
    /** The completing stage ended successfully. */
    COMPLETED,
    /** The request that carried the transaction failed: nothing will continue it. */
    FAILED,
    /** It did not complete within its maximum duration: failed in the stage it was stuck in. */
    TIMED_OUT,
    /**
     * It did not complete within its maximum duration while the telemetry of a cloud it ran in was missing or behind:
     * whether it failed is unknown, so it counts neither as good nor as bad.
     */
    TELEMETRY_GAP
}
