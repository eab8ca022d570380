package dev.concord.ingest.model;

/**
 * One run of a synthetic probe against a cloud, from one vantage point. The resource is the prober's own.
 *
 * @param timeUnixNano when the run started, Unix epoch nanoseconds
 * @param businessTransaction the transaction the probe exercises, empty when none
 * @param failedStep the step that failed, empty on success
 */
public record ProbeResult(
        ResourceIdentity resource,
        long timeUnixNano,
        String probeName,
        String vantagePoint,
        String targetCloudProvider,
        String targetCloudRegion,
        String businessTransaction,
        boolean success,
        long durationNanos,
        String failedStep) {

    public ProbeResult {
        businessTransaction = businessTransaction == null ? "" : businessTransaction;
        failedStep = failedStep == null ? "" : failedStep;
    }
}
