package dev.concord.rules.text;

import java.math.BigDecimal;
import java.util.Optional;

/** Numbers and percentages as rule files write them. */
public final class Numbers {

    private Numbers() {}

    public static Optional<BigDecimal> parse(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /** {@code 2%} as the fraction 0.02. */
    public static Optional<BigDecimal> parsePercent(String text) {
        String trimmed = text.trim();
        if (!trimmed.endsWith("%")) {
            return Optional.empty();
        }
        return parse(trimmed.substring(0, trimmed.length() - 1)).map(p -> p.movePointLeft(2));
    }

    /** Plain notation without trailing zeros: 14.4, 0.0144, 6. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
