package dev.concord.rules.model;

import java.util.Comparator;

/** A place in a rule file; line and column count from 1, as editors do. */
public record Position(String file, int line, int column) implements Comparable<Position> {

    private static final Comparator<Position> ORDER = Comparator.comparing(Position::file)
            .thenComparingInt(Position::line)
            .thenComparingInt(Position::column);

    @Override
    public int compareTo(Position other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
