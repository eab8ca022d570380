package dev.concord.simulator;

import java.util.List;
import java.util.Objects;

/**
 * A customer of the platform and its share of all traffic.
 *
 * @param share a fraction in (0, 1]; the shares of a simulation's tenants add up to 1
 */
public record Tenant(String id, double share) {

    public static final List<Tenant> DEFAULTS =
            List.of(new Tenant("acme", 0.5), new Tenant("globex", 0.3), new Tenant("initech", 0.2));

    public Tenant {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a tenant id must not be blank");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("tenant " + id + ": share must be in (0, 1], got " + share);
        }
    }
}
