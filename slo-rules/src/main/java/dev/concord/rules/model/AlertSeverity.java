package dev.concord.rules.model;

public enum AlertSeverity {
    PAGE,
    TICKET
}
