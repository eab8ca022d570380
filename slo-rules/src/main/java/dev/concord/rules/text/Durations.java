package dev.concord.rules.text;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rule files write them: integers with a unit, optionally several ({@code 1h30m}). A day is 24 hours
 * and a week 7 days: SLO windows count elapsed time, not calendar days.
 */
public final class Durations {

    public static final String UNITS = "ms, s, m, h, d, w";

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w))+");
    private static final Pattern WORDS = Pattern.compile(
            "(\\d+)\\s*(milliseconds?|millis|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\\b");
    private static final Pattern FRACTION = Pattern.compile("(\\d+\\.\\d+)(ms|s|m|h|d|w)");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private Durations() {}

    public static Optional<Duration> parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(unit(part.group(2)).multipliedBy(amount));
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
        return Optional.of(total);
    }

    /** Why {@code text} is not a duration, with the fix when there is an obvious one. */
    public static String problem(String text) {
        String lower = wholeNumbers(spelledOut(text.toLowerCase(Locale.ROOT)).replace(" ", ""));
        String hint = !lower.equals(text) && parse(lower).isPresent()
                ? "; did you mean " + lower + "?"
                : "; write an integer and a unit, e.g. 5m (units: " + UNITS + ")";
        return "'" + text + "' is not a duration" + hint;
    }

    /** 1.5s as 1500ms and 1.5h as 90m: fractions are written as a whole number of a smaller unit. */
    private static String wholeNumbers(String text) {
        Matcher fraction = FRACTION.matcher(text);
        if (!fraction.matches()) {
            return text;
        }
        java.math.BigDecimal millis = new java.math.BigDecimal(fraction.group(1))
                .multiply(java.math.BigDecimal.valueOf(unit(fraction.group(2)).toMillis()));
        try {
            long exact = millis.longValueExact();
            for (String unit : new String[] {"d", "h", "m", "s"}) {
                long size = unit(unit).toMillis();
                if (exact % size == 0) {
                    return exact / size + unit;
                }
            }
            return exact + "ms";
        } catch (ArithmeticException notWholeMillis) {
            return text;
        }
    }

    /** "15 minutes" and "2 hrs" as the units rule files write. */
    private static String spelledOut(String text) {
        Matcher words = WORDS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String word = words.group(2);
            String unit = word.startsWith("ms") || word.startsWith("milli")
                    ? "ms"
                    : word.startsWith("w")
                            ? "w"
                            : word.startsWith("d")
                                    ? "d"
                                    : word.startsWith("h") ? "h" : word.startsWith("m") ? "m" : "s";
            words.appendReplacement(out, words.group(1) + unit);
        }
        words.appendTail(out);
        return out.toString();
    }

    /** The shortest form in days, hours, minutes, seconds and milliseconds: {@code 2d2h}, {@code 43m12s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            // 1500ms reads better than 1s500ms
            return millis + "ms";
        }
        StringBuilder text = new StringBuilder();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            long amount = millis / sizes[i];
            if (amount > 0) {
                text.append(amount).append(units[i]);
                millis -= amount * sizes[i];
            }
        }
        return text.toString();
    }

    private static Duration unit(String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            case "w" -> Duration.ofDays(7);
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
