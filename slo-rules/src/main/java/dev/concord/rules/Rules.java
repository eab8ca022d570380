package dev.concord.rules;

import dev.concord.rules.load.RuleLoader;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.problem.Problems;
import dev.concord.rules.validate.Validator;
import java.nio.file.Path;
import java.util.List;

/** Load and validate in one step: what {@code concord rules check} runs, and what every other command starts with. */
public final class Rules {

    private Rules() {}

    public static CheckResult check(List<Path> paths) {
        Problems problems = new Problems();
        RuleSet rules = RuleLoader.load(paths, problems);
        Validator.validate(rules, problems);
        return new CheckResult(rules, problems.sorted());
    }
}
