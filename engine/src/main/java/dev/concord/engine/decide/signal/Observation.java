package dev.concord.engine.decide.signal;

/**
 * One piece of telemetry as a failover policy sees it, already attributed to a signal family. Telemetry of any kind
 * becomes this one shape so that one keyed operator per policy sees everything in event-time order.
 *
 * @param region the cloud region, or {@link #ANY} when the telemetry is not bound to one
 * @param tenant the tenant, or {@link #ANY} for shared infrastructure
 * @param subject what was observed: a vantage point, a dependency, an SLO, a guard, a check
 * @param origin where the observer sits: a vantage point's own cloud; an alert's severity
 * @param bad a failed run, check or call; a matching log line; a firing alert
 * @param value a latency in milliseconds, a guard's value or a burn rate; NaN when none
 * @param weight how many events it stands for (a sampled span's adjusted count)
 * @param windows an alert's window pair, long and short ({@code 60m/5m}): two pairs of one severity are two alerts;
 *     empty for other telemetry
 */
public record Observation(
        String policy,
        String family,
        String cloud,
        String region,
        String tenant,
        String subject,
        String origin,
        String service,
        String version,
        long timeMillis,
        boolean bad,
        double value,
        double weight,
        String windows) {

    /** Region or tenant of telemetry that belongs to no single one. */
    public static final String ANY = "*";

    /** The family of server spans watched only to tie failures to a release; never a quorum member. */
    public static final String RELEASE = "release";
}
