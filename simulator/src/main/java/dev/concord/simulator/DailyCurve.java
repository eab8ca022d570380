package dev.concord.simulator;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How busy the business is over a day (UTC): quiet at night, a morning ramp, a plateau through the working day and
 * an evening decline. Interpolated per minute so that traffic never jumps at the top of an hour.
 */
final class DailyCurve {

    /** Share of peak traffic at the start of each hour, 00:00 to 23:00. */
    private static final double[] HOURLY = {
        0.30, 0.28, 0.27, 0.27, 0.30, 0.38, 0.50, 0.68, 0.85, 0.95, 1.00, 1.00,
        0.97, 0.98, 1.00, 0.97, 0.90, 0.80, 0.68, 0.56, 0.46, 0.40, 0.35, 0.32
    };

    private DailyCurve() {}

    /** The share of peak traffic at an instant, in (0, 1]. */
    static double at(Instant instant) {
        var time = instant.atOffset(ZoneOffset.UTC);
        int hour = time.getHour();
        double within = time.getMinute() / 60.0;
        return HOURLY[hour] + (HOURLY[(hour + 1) % 24] - HOURLY[hour]) * within;
    }
}
