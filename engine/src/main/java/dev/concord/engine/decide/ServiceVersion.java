package dev.concord.engine.decide;

/** One version of one service: the key of a policy evaluator's versions-seen state, and how releases are told apart. */
public record ServiceVersion(String service, String version) {}
