package dev.concord.rules.model;

/** The dimensions an SLO can be computed per. */
public enum GroupBy {
    CLOUD,
    REGION,
    TENANT
}
