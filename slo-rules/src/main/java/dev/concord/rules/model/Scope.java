package dev.concord.rules.model;

/** How much a failover recommendation may move, from the narrowest to the widest. */
public enum Scope {
    TENANT,
    REGION,
    CLOUD
}
