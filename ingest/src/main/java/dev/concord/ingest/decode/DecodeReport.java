package dev.concord.ingest.decode;

import java.util.EnumMap;
import java.util.Map;

/**
 * What happened to the items of one request: how many were accepted, rejected (and why), and adjusted. Not shared
 * between threads: one per request.
 */
public final class DecodeReport {

    private final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    private final Map<Adjustment, Integer> adjusted = new EnumMap<>(Adjustment.class);
    private int accepted;
    private String firstRejection = "";

    void accept() {
        accepted++;
    }

    void reject(RejectReason reason, String message) {
        rejected.merge(reason, 1, Integer::sum);
        if (firstRejection.isEmpty()) {
            firstRejection = message;
        }
    }

    void adjust(Adjustment adjustment, int count) {
        if (count > 0) {
            adjusted.merge(adjustment, count, Integer::sum);
        }
    }

    public int accepted() {
        return accepted;
    }

    public int rejectedTotal() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<RejectReason, Integer> rejected() {
        return Map.copyOf(rejected);
    }

    public Map<Adjustment, Integer> adjusted() {
        return Map.copyOf(adjusted);
    }

    /** An English message for {@code partial_success}: the count and the first reason, empty when nothing was rejected. */
    public String rejectionMessage() {
        int total = rejectedTotal();
        if (total == 0) {
            return "";
        }
        return total + (total == 1 ? " item was" : " items were") + " rejected; first: " + firstRejection;
    }
}
