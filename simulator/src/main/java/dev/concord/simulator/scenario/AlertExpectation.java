package dev.concord.simulator.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * An SLO alert that must fire, within a time of the onset of a fault, or must not fire at all. Empty selectors
 * match anything.
 *
 * @param slo an SLO name, or {@code *} for every SLO
 * @param severity {@code page}, {@code ticket}, or empty for either
 * @param within for an alert that must fire, the longest allowed time from onset to firing
 * @param after the fault whose start is the onset
 * @param onset the start of that fault, from the simulation's start
 */
public record AlertExpectation(
        boolean fires,
        String slo,
        String cloud,
        String region,
        String tenant,
        String severity,
        Duration within,
        String after,
        Duration onset) {

    public static final String ANY_SLO = "*";

    public AlertExpectation {
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(onset, "onset");
    }

    /** True for an alert of this SLO, cloud, region, tenant and severity; the alert's tenant is {@code *} when the
     * SLO is not grouped by tenant. */
    public boolean matches(
            String alertSlo, String alertCloud, String alertRegion, String alertTenant, String alertSeverity) {
        return (slo.equals(ANY_SLO) || slo.equals(alertSlo))
                && (cloud.isEmpty() || cloud.equals(alertCloud))
                && (region.isEmpty() || region.equals(alertRegion))
                && (tenant.isEmpty() || tenant.equals(alertTenant))
                && (severity.isEmpty() || severity.equals(alertSeverity));
    }

    /** How the expectation reads in a report: {@code order-to-fulfillment-availability page aws/us-east-1}. */
    public String describe() {
        StringBuilder text = new StringBuilder(slo.equals(ANY_SLO) ? "any SLO" : slo);
        if (!severity.isEmpty()) {
            text.append(' ').append(severity);
        }
        String where = String.join(
                "/",
                java.util.stream.Stream.of(cloud, region, tenant)
                        .filter(s -> !s.isEmpty())
                        .toList());
        if (!where.isEmpty()) {
            text.append(' ').append(where);
        }
        return text.toString();
    }
}
