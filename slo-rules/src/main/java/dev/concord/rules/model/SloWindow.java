package dev.concord.rules.model;

import java.time.Duration;
import java.time.ZoneId;

/** The period an SLO's budget is counted over. */
public sealed interface SloWindow {

    /**
     * The period burn rates are computed with. Calendar months vary from 28 to 31 days; the math uses 30, as the
     * published tables do.
     */
    Duration period();

    record Rolling(Duration length) implements SloWindow {
        @Override
        public Duration period() {
            return length;
        }
    }

    record CalendarMonth(ZoneId timeZone) implements SloWindow {

        public static final Duration NOMINAL_PERIOD = Duration.ofDays(30);

        @Override
        public Duration period() {
            return NOMINAL_PERIOD;
        }
    }
}
