package dev.concord.engine.ratio;

/** Transactions seen and succeeded within one minute of event time. */
public record MinuteCounts(long total, long succeeded) {

    static final MinuteCounts NONE = new MinuteCounts(0, 0);

    MinuteCounts add(boolean success) {
        return new MinuteCounts(total + 1, succeeded + (success ? 1 : 0));
    }
}
