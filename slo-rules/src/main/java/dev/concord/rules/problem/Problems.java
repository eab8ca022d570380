package dev.concord.rules.problem;

import dev.concord.rules.model.Position;
import java.util.ArrayList;
import java.util.List;

/** Collects problems so that one run reports all of them instead of stopping at the first. */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();

    public void error(Position position, String path, String message) {
        found.add(new Problem(Severity.ERROR, position, path, message));
    }

    public void warning(Position position, String path, String message) {
        found.add(new Problem(Severity.WARNING, position, path, message));
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    /** Sorted by file, line and column; one problem reported twice is kept once. */
    public List<Problem> sorted() {
        return found.stream().distinct().sorted().toList();
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }
}
