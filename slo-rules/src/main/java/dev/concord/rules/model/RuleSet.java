package dev.concord.rules.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every document read from a set of paths, in the order read, plus the built-in window tables. */
public record RuleSet(
        List<BusinessTransaction> transactions,
        List<Slo> slos,
        List<FailoverPolicy> policies,
        List<GuardSignal> guards,
        List<WindowTable> windowTables,
        List<WindowTable> builtInWindowTables) {

    public RuleSet {
        transactions = List.copyOf(transactions);
        slos = List.copyOf(slos);
        policies = List.copyOf(policies);
        guards = List.copyOf(guards);
        windowTables = List.copyOf(windowTables);
        builtInWindowTables = List.copyOf(builtInWindowTables);
    }

    /** The documents read from the user's paths (not the built-in tables), kind by kind. */
    public List<RuleDocument> documents() {
        List<RuleDocument> all = new ArrayList<>();
        all.addAll(transactions);
        all.addAll(slos);
        all.addAll(policies);
        all.addAll(guards);
        all.addAll(windowTables);
        return List.copyOf(all);
    }

    public Optional<BusinessTransaction> transaction(String name) {
        return transactions.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<Slo> slo(String name) {
        return slos.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<GuardSignal> guard(String name) {
        return guards.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** A user table shadows nothing: a clash with a built-in name is a validation error, so either may be found. */
    public Optional<WindowTable> windowTable(String name) {
        return windowTables.stream()
                .filter(t -> name.equals(t.name()))
                .findFirst()
                .or(() -> builtInWindowTables.stream()
                        .filter(t -> name.equals(t.name()))
                        .findFirst());
    }
}
