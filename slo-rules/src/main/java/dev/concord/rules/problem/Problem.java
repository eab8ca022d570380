package dev.concord.rules.problem;

import dev.concord.rules.model.Position;
import java.util.Comparator;

/**
 * One thing wrong in the rules. {@link #toString()} is the message format that users, editors and golden files
 * read, and that must not change without reason: {@code FILE:LINE:COLUMN: SEVERITY: PATH: MESSAGE}.
 */
public record Problem(Severity severity, Position position, String path, String message)
        implements Comparable<Problem> {

    private static final Comparator<Problem> ORDER = Comparator.comparing(Problem::position)
            .thenComparing(Problem::severity)
            .thenComparing(Problem::path)
            .thenComparing(Problem::message);

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Problem other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return position + ": " + severity.label() + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
