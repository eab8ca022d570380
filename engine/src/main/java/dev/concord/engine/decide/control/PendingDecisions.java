package dev.concord.engine.decide.control;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest state of every decision the endpoint has seen a record of, read by the HTTP threads. */
public final class PendingDecisions {

    /** A decision as the endpoint answers about it. */
    record Known(String decisionId, String policy, String action, DecisionState state, String eventTime) {}

    /** Decisions whose last record is older than this many others are forgotten, so memory stays bounded. */
    static final int CAPACITY = 10_000;

    private final Map<String, Known> latest = new ConcurrentHashMap<>();

    /** Takes in a decision's latest record. */
    public void apply(DecisionRecord record) {
        latest.put(
                record.decisionId(),
                new Known(
                        record.decisionId(),
                        record.policy(),
                        record.action().name(),
                        record.state(),
                        record.eventTime()));
        if (latest.size() > CAPACITY) {
            latest.values().stream()
                    .filter(k -> k.state() != DecisionState.PENDING_CONFIRMATION)
                    .min(Comparator.comparing(Known::eventTime))
                    .ifPresent(oldest -> latest.remove(oldest.decisionId()));
        }
    }

    Optional<Known> get(String decisionId) {
        return Optional.ofNullable(latest.get(decisionId));
    }

    List<Known> pending() {
        return latest.values().stream()
                .filter(k -> k.state() == DecisionState.PENDING_CONFIRMATION)
                .sorted(Comparator.comparing(Known::eventTime).thenComparing(Known::decisionId))
                .toList();
    }
}
