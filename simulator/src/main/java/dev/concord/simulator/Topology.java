package dev.concord.simulator;

import java.util.List;
import java.util.Objects;

/**
 * The two clouds the business runs in. Both serve traffic; the primary also holds the writable ERP database, which
 * the secondary's ERP connector writes to across clouds.
 */
public record Topology(CloudSite primary, CloudSite secondary) {

    public static final Topology DEFAULT = new Topology(CloudSite.AWS_US_EAST_1, CloudSite.GCP_US_CENTRAL1);

    public Topology {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
        if (primary.equals(secondary)) {
            throw new IllegalArgumentException("primary and secondary must be different clouds: " + primary);
        }
    }

    public List<CloudSite> sites() {
        return List.of(primary, secondary);
    }
}
