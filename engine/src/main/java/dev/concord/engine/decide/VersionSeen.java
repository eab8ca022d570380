package dev.concord.engine.decide;

/** When a service version was first and last seen in a policy's telemetry: how releases are recognised. */
public record VersionSeen(String service, String version, long firstSeenMillis, long lastSeenMillis) {}
