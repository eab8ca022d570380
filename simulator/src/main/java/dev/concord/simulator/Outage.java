package dev.concord.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A service that answers every call with an error in one cloud for a stretch of simulated time.
 *
 * @param start inclusive
 * @param end exclusive
 */
public record Outage(CloudSite site, String service, Instant start, Instant end) {

    public Outage {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("outage end " + end + " must be after its start " + start);
        }
    }

    boolean covers(CloudSite at, String calledService, Instant when) {
        return site.equals(at) && service.equals(calledService) && !when.isBefore(start) && when.isBefore(end);
    }
}
