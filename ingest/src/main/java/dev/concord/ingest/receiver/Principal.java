package dev.concord.ingest.receiver;

import java.util.Optional;

/**
 * Who sent a request. With authentication on, the tenant of the token, which overrides whatever the payload claims;
 * with {@code --insecure-no-auth}, nobody in particular (empty tenant: the payload's own is kept).
 */
public record Principal(Optional<String> tenant) {

    public static final Principal ANONYMOUS = new Principal(Optional.empty());

    public static Principal ofTenant(String tenant) {
        return new Principal(Optional.of(tenant));
    }
}
