package dev.concord.rules.model;

import java.util.Map;

/**
 * Where a document and each of its values were written, by path in the document ({@code spec.alerting.windows[1]}),
 * so that checks made after loading can still point at a line and column.
 */
public record Origin(Position document, Map<String, Position> positions) {

    public Origin {
        positions = Map.copyOf(positions);
    }

    /** The value at {@code path}, or the closest enclosing value that was written, or the document. */
    public Position at(String path) {
        String candidate = path;
        while (!candidate.isEmpty()) {
            Position found = positions.get(candidate);
            if (found != null) {
                return found;
            }
            candidate = parent(candidate);
        }
        return document;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
