package dev.concord.rules.validate;

import dev.concord.rules.model.RuleDocument;
import dev.concord.rules.problem.Problems;
import dev.concord.rules.text.Suggestions;
import java.util.Collection;

/** Reports against a document's path, at the line and column the loader remembered for it. */
final class Findings {

    private final Problems problems;

    Findings(Problems problems) {
        this.problems = problems;
    }

    void error(RuleDocument document, String path, String message) {
        problems.error(document.origin().at(path), path, message);
    }

    void warning(RuleDocument document, String path, String message) {
        problems.warning(document.origin().at(path), path, message);
    }

    /** A name that refers to nothing defined, with the closest defined name if there is one. */
    void undefined(RuleDocument document, String path, String kind, String name, Collection<String> defined) {
        String hint = defined.isEmpty()
                ? "; no " + kind + " is defined"
                : Suggestions.nearest(name, defined)
                        .map(near -> "; did you mean '" + near + "'?")
                        .orElseGet(() -> "; defined: " + String.join(", ", defined));
        error(document, path, "undefined " + kind + " '" + name + "'" + hint);
    }
}
