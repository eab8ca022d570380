package dev.concord.rules;

import dev.concord.rules.model.RuleSet;
import dev.concord.rules.problem.Problem;
import java.util.List;

/** The rules as loaded, with every problem found, sorted by file, line and column. */
public record CheckResult(RuleSet rules, List<Problem> problems) {

    public CheckResult {
        problems = List.copyOf(problems);
    }

    /** Valid means no errors; warnings are allowed. */
    public boolean valid() {
        return problems.stream().noneMatch(Problem::isError);
    }

    public long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    public long warningCount() {
        return problems.size() - errorCount();
    }
}
