package dev.concord.rules.model;

/** The architecture layers of a two-cloud distribution platform that a failover policy can govern. */
public enum Layer {
    GLOBAL_TRAFFIC,
    WEB_API,
    INTEGRATION,
    TRANSACTIONAL_DB,
    ANALYTICS
}
