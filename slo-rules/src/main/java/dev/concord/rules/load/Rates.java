package dev.concord.rules.load;

import dev.concord.rules.model.Signals.Rate;
import dev.concord.rules.text.Numbers;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rates written as a count per unit: {@code 5/m}, {@code 0.5/s}, {@code 100/h}. */
final class Rates {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)/(s|m|h)");

    private Rates() {}

    static Optional<Rate> parse(String text) {
        Matcher matcher = RATE.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Duration per = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return Numbers.parse(matcher.group(1)).map(count -> new Rate(count, per));
    }

    static String problem(String text) {
        return "'" + text + "' is not a rate; write a count per unit, e.g. 5/m (units: s, m, h)";
    }
}
