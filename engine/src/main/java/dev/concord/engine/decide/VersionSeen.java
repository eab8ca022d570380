package dev.concord.engine.decide;

/**
 * When a service version was first and last seen in a policy's telemetry: how releases are recognised. First seen is
 * never after last seen.
 */
public record VersionSeen(String service, String version, long firstSeenMillis, long lastSeenMillis) {

    /** The first sighting of a version. */
    static VersionSeen at(ServiceVersion version, long millis) {
        return new VersionSeen(version.service(), version.version(), millis, millis);
    }

    /** Seen again, at {@code millis}: before, between or after the sightings so far. */
    VersionSeen seenAt(long millis) {
        return new VersionSeen(service, version, Math.min(firstSeenMillis, millis), Math.max(lastSeenMillis, millis));
    }

    ServiceVersion key() {
        return new ServiceVersion(service, version);
    }
}
