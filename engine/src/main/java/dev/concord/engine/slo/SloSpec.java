package dev.concord.engine.slo;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An SLO as the engine evaluates it, with its window table already resolved to factors.
 *
 * @param latencyThresholdMillis for latency SLOs, a transaction is good when it succeeds faster than this; 0 for
 *     availability SLOs
 * @param objective the target share of good events, a fraction in (0, 1)
 * @param periodMinutes the SLO period the error budget is counted over; for a calendar month, the longest month
 * @param calendarTimeZone the time zone of a calendar-month SLO, whose budget restarts on the first of each month;
 *     empty for a rolling period
 * @param minEvents fewer events than this in a page's long window: no page
 * @param sliceMinutes for timeslice budgeting, the slice length; 0 for occurrences budgeting, where every event
 *     counts
 * @param sliceTarget for timeslice budgeting, the good ratio a slice needs to count as a good slice
 */
public record SloSpec(
        String name,
        String transaction,
        long latencyThresholdMillis,
        double objective,
        int periodMinutes,
        String calendarTimeZone,
        List<BurnWindow> windows,
        long minEvents,
        boolean byCloud,
        boolean byRegion,
        boolean byTenant,
        Map<String, String> labels,
        Map<String, String> annotations,
        int sliceMinutes,
        double sliceTarget)
        implements Serializable {

    public static final String SEVERITY_PAGE = "page";
    public static final String SEVERITY_TICKET = "ticket";

    /** The label value of a dimension the SLO is not grouped by. */
    public static final String ALL = "*";

    public SloSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(calendarTimeZone, "calendarTimeZone");
        if (!calendarTimeZone.isEmpty()) {
            ZoneId.of(calendarTimeZone);
        }
        windows = List.copyOf(windows);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException(name + ": objective must be a fraction in (0, 1): " + objective);
        }
        if (periodMinutes < 1) {
            throw new IllegalArgumentException(name + ": period must be at least a minute");
        }
        for (BurnWindow window : windows) {
            if (window.longWindowMinutes() > periodMinutes) {
                throw new IllegalArgumentException(name + ": a long window is longer than the SLO period");
            }
            if (sliceMinutes > 0
                    && (window.shortWindowMinutes() % sliceMinutes != 0
                            || window.longWindowMinutes() % sliceMinutes != 0)) {
                throw new IllegalArgumentException(
                        name + ": alert windows must be whole numbers of " + sliceMinutes + "-minute slices");
            }
        }
        if (sliceMinutes < 0 || (sliceMinutes > 0 && !(sliceTarget > 0 && sliceTarget <= 1))) {
            throw new IllegalArgumentException(name + ": a timeslice needs a positive length and a target in (0, 1]: "
                    + sliceMinutes + "m, " + sliceTarget);
        }
    }

    /** An SLO budgeted by occurrences: every event counts. */
    public SloSpec(
            String name,
            String transaction,
            long latencyThresholdMillis,
            double objective,
            int periodMinutes,
            String calendarTimeZone,
            List<BurnWindow> windows,
            long minEvents,
            boolean byCloud,
            boolean byRegion,
            boolean byTenant,
            Map<String, String> labels,
            Map<String, String> annotations) {
        this(
                name,
                transaction,
                latencyThresholdMillis,
                objective,
                periodMinutes,
                calendarTimeZone,
                windows,
                minEvents,
                byCloud,
                byRegion,
                byTenant,
                labels,
                annotations,
                0,
                0);
    }

    /** True when the budget counts slices rather than events. */
    boolean timeslices() {
        return sliceMinutes > 0;
    }

    /** The longest calendar month: what a calendar-month SLO keeps counts for. */
    public static final int CALENDAR_MONTH_MINUTES = 31 * 24 * 60;

    /** The first minute counted in the period that ends (exclusive) at {@code endMinute}. */
    long periodStartMinute(long endMinute) {
        if (calendarTimeZone.isEmpty()) {
            return endMinute - periodMinutes;
        }
        ZonedDateTime last = Instant.ofEpochSecond((endMinute - 1) * 60).atZone(ZoneId.of(calendarTimeZone));
        ZonedDateTime monthStart = last.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        return monthStart.toEpochSecond() / 60;
    }

    /** The error budget as a share of events: 1 − objective. */
    double errorBudget() {
        return 1 - objective;
    }

    /** The longest window any alert looks at: how many minutes of per-minute counts a key keeps. */
    int longestWindowMinutes() {
        int longest = 1;
        for (BurnWindow window : windows) {
            longest = Math.max(longest, window.longWindowMinutes());
        }
        return longest;
    }

    boolean latency() {
        return latencyThresholdMillis > 0;
    }
}
