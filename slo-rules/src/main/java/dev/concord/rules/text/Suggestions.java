package dev.concord.rules.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The valid name a misspelt one was probably meant to be. */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The candidate nearest to {@code wrong} by edit distance (case ignored), if close enough to be a typo: at most
     * two edits, or a third of the name's length for long names.
     */
    public static Optional<String> nearest(String wrong, Collection<String> candidates) {
        String needle = wrong.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, needle.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" when a candidate is near, otherwise the list of what is allowed. */
    public static String hint(String wrong, Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return "; it takes no fields";
        }
        return nearest(wrong, candidates)
                .map(near -> "; did you mean '" + near + "'?")
                .orElseGet(() -> "; expected one of: " + String.join(", ", candidates));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
