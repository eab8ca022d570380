package dev.concord.rules.validate;

import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.WindowTable;
import dev.concord.rules.problem.Problems;

/**
 * Checks what the loader cannot see in one value: ranges, references between documents, relations between fields.
 * Reports everything it finds; a value the loader could not read is skipped, having been reported already.
 */
public final class Validator {

    private Validator() {}

    public static void validate(RuleSet rules, Problems problems) {
        Findings findings = new Findings(problems);
        NameChecks.check(rules, findings);
        rules.transactions().forEach(t -> TransactionChecks.check(t, findings));
        rules.slos().forEach(s -> SloChecks.check(s, rules, findings));
        rules.policies().forEach(p -> PolicyChecks.check(p, rules, findings));
        rules.guards().forEach(g -> GuardChecks.check(g, findings));
        for (WindowTable table : rules.windowTables()) {
            if (table.period() != null && table.period().isZero()) {
                findings.error(table, "spec.period", "a period must be longer than 0");
            }
            WindowChecks.pairs(table, "spec.windows", table.windows(), table.period(), findings);
        }
    }
}
