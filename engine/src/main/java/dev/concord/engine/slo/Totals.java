package dev.concord.engine.slo;

/** Good and total event weight over some stretch of time. */
record Totals(double good, double total) {

    static final Totals NONE = new Totals(0, 0);

    /** The share of bad events; 0 when there were none at all. */
    double errorRatio() {
        return total > 0 ? (total - good) / total : 0;
    }

    /** The share of good events; 1 when there were none at all. */
    double sli() {
        return total > 0 ? good / total : 1;
    }
}
