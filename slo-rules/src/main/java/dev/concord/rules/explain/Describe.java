package dev.concord.rules.explain;

import dev.concord.rules.model.Budgeting;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.SloWindow;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;

/** Model values in the words the reports use. */
final class Describe {

    private Describe() {}

    static String indicator(Indicator indicator) {
        if (indicator instanceof Indicator.Latency latency) {
            return "latency: share of transactions that complete within " + Durations.format(latency.threshold());
        }
        if (indicator instanceof Indicator.Probes probes) {
            return "probes: share of successful runs of probe " + probes.probe();
        }
        return "availability: share of transactions that complete";
    }

    static String window(SloWindow window) {
        if (window instanceof SloWindow.CalendarMonth month) {
            return "calendar month in " + month.timeZone().getId() + " (burn rates computed with "
                    + Durations.format(month.period()) + ")";
        }
        return "rolling " + Durations.format(window.period());
    }

    /** What the budget is a share of, which depends on how events add up. */
    static String budgetUnit(Budgeting budgeting) {
        if (budgeting instanceof Budgeting.Timeslices) {
            return " of slices may be bad";
        }
        if (budgeting instanceof Budgeting.RatioTimeslices) {
            return " of the mean slice ratio may be lost";
        }
        return " of events may fail";
    }

    static String budgeting(Budgeting budgeting) {
        if (budgeting instanceof Budgeting.Timeslices slices) {
            return "timeslices of " + Durations.format(slices.slice()) + ", a slice good when "
                    + Numbers.plain(slices.target().movePointRight(2)) + "% of its events are";
        }
        if (budgeting instanceof Budgeting.RatioTimeslices ratio) {
            return "ratio timeslices of " + Durations.format(ratio.slice());
        }
        return "occurrences";
    }
}
