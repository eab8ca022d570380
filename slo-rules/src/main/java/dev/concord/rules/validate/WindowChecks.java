package dev.concord.rules.validate;

import dev.concord.rules.model.RuleDocument;
import dev.concord.rules.model.WindowPair;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Window pairs, wherever they are written: in a window table or inline in an SLO. */
final class WindowChecks {

    private WindowChecks() {}

    static void pairs(RuleDocument document, String path, List<WindowPair> pairs, Duration period, Findings findings) {
        for (int i = 0; i < pairs.size(); i++) {
            WindowPair pair = pairs.get(i);
            String at = path + "[" + i + "]";
            if (pair.shortWindow().compareTo(pair.longWindow()) >= 0) {
                findings.error(
                        document,
                        at + ".short",
                        "short window " + Durations.format(pair.shortWindow()) + " is not shorter than long window "
                                + Durations.format(pair.longWindow()));
            }
            if (pair.shortWindow().isZero()) {
                findings.error(document, at + ".short", "the short window must be longer than 0");
            }
            if (period != null && pair.longWindow().compareTo(period) > 0) {
                findings.error(
                        document,
                        at + ".long",
                        "long window " + Durations.format(pair.longWindow()) + " is longer than the period "
                                + Durations.format(period));
            }
            BigDecimal share = pair.budgetShare();
            if (share != null && (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0)) {
                findings.error(
                        document, at + ".budget", Numbers.plain(share.movePointRight(2)) + "% is outside (0%, 100%]");
            }
            if (pair.burnRate() != null && pair.burnRate().signum() <= 0) {
                findings.error(document, at + ".burnRate", "a burn rate must be greater than 0");
            }
        }
    }
}
