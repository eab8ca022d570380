package dev.concord.rules.model;

/** One YAML document of {@code apiVersion: concord.dev/v1}. */
public sealed interface RuleDocument permits BusinessTransaction, Slo, FailoverPolicy, GuardSignal, WindowTable {

    String kind();

    Metadata metadata();

    Origin origin();

    default String name() {
        return metadata().name();
    }
}
