package dev.concord.cli.scenarios;

import java.time.Duration;

/** Durations as the report prints them: {@code 45s}, {@code 3m}, {@code 2m30s}, {@code 1h5m}. */
final class Durations {

    private Durations() {}

    static String text(Duration duration) {
        if (duration.isNegative()) {
            return "-" + text(duration.negated());
        }
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
