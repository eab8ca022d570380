package dev.concord.ingest.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication per tenant. The tokens file is re-read when it changes (checked at most once per
 * reload interval); a file that became invalid is logged and the previous tokens stay in force. Tokens are never
 * logged: only their count.
 */
public final class Authenticator {

    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final String BEARER = "Bearer ";

    private final Path file;
    private final Clock clock;
    private final Duration reloadInterval;
    private volatile Map<String, String> tenantsByHash;
    private volatile FileTime loadedModified;
    private volatile long nextCheckMillis;

    private Authenticator(Path file, Clock clock, Duration reloadInterval) {
        this.file = file;
        this.clock = clock;
        this.reloadInterval = reloadInterval;
    }

    /** Authentication from a tokens file; a missing or invalid file fails at once. */
    public static Authenticator fromTokensFile(Path file, Clock clock, Duration reloadInterval) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        Authenticator authenticator = new Authenticator(file, clock, reloadInterval);
        try {
            authenticator.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokens file " + file, e);
        }
        return authenticator;
    }

    /** No authentication: every request is accepted and keeps the tenant its payload claims. */
    public static Authenticator insecureNoAuth() {
        return new Authenticator(null, Clock.systemUTC(), Duration.ZERO);
    }

    public boolean enabled() {
        return file != null;
    }

    /** Who sent a request with this {@code Authorization} header value (null when absent); empty when denied. */
    public Optional<Principal> authenticate(String authorization) {
        if (file == null) {
            return Optional.of(Principal.ANONYMOUS);
        }
        reloadIfChanged();
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String tenant = tenantsByHash.get(
                TokenFile.hash(authorization.substring(BEARER.length()).strip()));
        return tenant == null ? Optional.empty() : Optional.of(Principal.ofTenant(tenant));
    }

    private void reloadIfChanged() {
        long now = clock.millis();
        if (now < nextCheckMillis) {
            return;
        }
        nextCheckMillis = now + reloadInterval.toMillis();
        try {
            if (!Files.getLastModifiedTime(file).equals(loadedModified)) {
                load();
                LOG.info("Reloaded tokens file {}: {} tokens", file, tenantsByHash.size());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Keeping the previous tokens: cannot reload {}: {}", file, e.getMessage());
        }
    }

    private synchronized void load() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        tenantsByHash = TokenFile.read(file);
        loadedModified = modified;
        nextCheckMillis = clock.millis() + reloadInterval.toMillis();
    }

    int tokenCount() {
        return tenantsByHash == null ? 0 : tenantsByHash.size();
    }
}
