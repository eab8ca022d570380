package dev.concord.simulator;

import java.util.Objects;

/**
 * What a fault hits. A service fault may be narrowed to a cloud, a region, a tenant, and a version it brings in (a
 * release); the other kinds name their one thing.
 *
 * @param name the service ({@code *} for every service), vantage point or metric; empty for a collector or clock,
 *     which are named by their cloud
 * @param cloud a {@code cloud.provider}, or empty for every cloud
 * @param region a {@code cloud.region}, or empty for every region
 * @param tenant a tenant id, or empty for every tenant
 * @param version the {@code service.version} the service runs while the fault lasts, or empty for its usual one
 */
public record FaultTarget(Kind kind, String name, String cloud, String region, String tenant, String version) {

    /** The kinds of thing a fault can hit. */
    public enum Kind {
        /** A service or dependency answering calls: order-api, identity-provider, message-broker, erp-db, ... */
        SERVICE,
        /** A synthetic probe's vantage point. */
        VANTAGE_POINT,
        /** A guard metric or health check as reported. */
        METRIC,
        /** The telemetry collector of a cloud: its telemetry is lost, late or duplicated, the services are fine. */
        COLLECTOR,
        /** The clocks of a cloud. */
        CLOCK
    }

    public static final String ANY_SERVICE = "*";

    public FaultTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(version, "version");
        if ((kind == Kind.COLLECTOR || kind == Kind.CLOCK) && cloud.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase() + " fault names its cloud");
        }
        if (kind != Kind.COLLECTOR && kind != Kind.CLOCK && name.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase() + " fault names what it hits");
        }
    }

    public static FaultTarget service(String service, String cloud) {
        return new FaultTarget(Kind.SERVICE, service, cloud, "", "", "");
    }

    boolean hitsService(CloudSite site, String service, String tenantId) {
        return kind == Kind.SERVICE
                && (name.equals(ANY_SERVICE) || name.equals(service))
                && in(site)
                && (tenant.isEmpty() || tenant.equals(tenantId));
    }

    boolean in(CloudSite site) {
        return (cloud.isEmpty() || cloud.equals(site.provider())) && (region.isEmpty() || region.equals(site.region()));
    }
}
