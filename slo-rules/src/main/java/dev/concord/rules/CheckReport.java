package dev.concord.rules;

import dev.concord.rules.model.RuleSet;
import dev.concord.rules.problem.Problem;

/** What {@code concord rules check} prints: every problem, one per line, then a one-line verdict. */
public final class CheckReport {

    private CheckReport() {}

    public static String render(CheckResult result) {
        StringBuilder out = new StringBuilder();
        for (Problem problem : result.problems()) {
            out.append(problem).append('\n');
        }
        out.append(verdict(result)).append('\n');
        return out.toString();
    }

    /** {@code valid: 4 transactions, 8 SLOs, 5 failover policies, 1 guard signal, 0 window tables (1 warning)} */
    public static String verdict(CheckResult result) {
        RuleSet rules = result.rules();
        String counts = count(rules.transactions().size(), "transaction")
                + ", " + count(rules.slos().size(), "SLO")
                + ", " + count(rules.policies().size(), "failover policy", "failover policies")
                + ", " + count(rules.guards().size(), "guard signal")
                + ", " + count(rules.windowTables().size(), "window table");
        String problems = result.problems().isEmpty()
                ? ""
                : " (" + (result.errorCount() > 0 ? count((int) result.errorCount(), "error") : "")
                        + (result.errorCount() > 0 && result.warningCount() > 0 ? ", " : "")
                        + (result.warningCount() > 0 ? count((int) result.warningCount(), "warning") : "") + ")";
        return (result.valid() ? "valid: " : "invalid: ") + counts + problems;
    }

    private static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    private static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
