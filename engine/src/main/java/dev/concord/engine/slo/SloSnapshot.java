package dev.concord.engine.slo;

import java.util.List;

/**
 * The state of one SLO key at the end of one minute of event time.
 *
 * @param minuteEndEpochMillis the end (exclusive) of the minute evaluated
 * @param noData true when the longest alert window saw no event
 * @param periodSli the SLI over the SLO period, to the hour; 1 when there were no events
 * @param budgetRemaining the share of the period's error budget not yet spent; negative once overspent
 * @param firing the window pairs firing after this minute, as {@code severity:long/short}
 */
public record SloSnapshot(
        String slo,
        String transaction,
        String cloudProvider,
        String cloudRegion,
        String tenant,
        long minuteEndEpochMillis,
        double objective,
        boolean noData,
        double periodEvents,
        double periodSli,
        double budgetRemaining,
        List<WindowBurn> windows,
        List<String> firing) {

    public SloSnapshot {
        windows = List.copyOf(windows);
        firing = List.copyOf(firing);
    }
}
