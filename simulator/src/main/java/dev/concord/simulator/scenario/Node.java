package dev.concord.simulator.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A YAML mapping of a scenario file, read with its path so that every problem says where it is. */
final class Node {

    private static final Pattern DURATION = Pattern.compile("(-)?((?:\\d+(?:ms|s|m|h|d))+)");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Path file;
    private final String path;
    private final Map<?, ?> values;

    Node(Path file, String path, Object value) {
        this.file = file;
        this.path = path;
        if (!(value instanceof Map<?, ?> map)) {
            throw problem("must be a mapping");
        }
        this.values = map;
    }

    ScenarioFileException problem(String message) {
        return new ScenarioFileException(file, path, message);
    }

    private ScenarioFileException problem(String key, String message) {
        return new ScenarioFileException(file, child(key), message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Fails on a key that is not one of these: a typo must not silently fall back to a default. */
    Node allowing(String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Object key : values.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw problem(String.valueOf(key), "unknown key; expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String string(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw problem(key, "is required");
        }
        if (value instanceof Map || value instanceof List) {
            throw problem(key, "must be a single value");
        }
        return String.valueOf(value);
    }

    String string(String key, String otherwise) {
        return has(key) ? string(key) : otherwise;
    }

    long integer(String key, long otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        try {
            return Long.parseLong(string(key));
        } catch (NumberFormatException e) {
            throw problem(key, "must be a whole number, got " + string(key));
        }
    }

    double number(String key, double otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw problem(key, "must be a number, got " + string(key));
        }
    }

    boolean bool(String key) {
        String value = string(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw problem(key, "must be true or false, got " + value);
        }
        return Boolean.parseBoolean(value);
    }

    Duration duration(String key) {
        return parseDuration(key, string(key));
    }

    Duration duration(String key, Duration otherwise) {
        return has(key) ? duration(key) : otherwise;
    }

    Instant instant(String key, Instant otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        try {
            return Instant.parse(string(key));
        } catch (DateTimeParseException e) {
            throw problem(key, "must be an ISO-8601 instant such as 2026-01-05T08:00:00Z, got " + string(key));
        }
    }

    Node node(String key) {
        if (!has(key)) {
            throw problem(key, "is required");
        }
        return new Node(file, child(key), values.get(key));
    }

    List<Node> nodes(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (!(values.get(key) instanceof List<?> list)) {
            throw problem(key, "must be a list");
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            nodes.add(new Node(file, child(key) + "[" + i + "]", list.get(i)));
        }
        return nodes;
    }

    /** A list of single values; a single value alone reads as a list of one. */
    List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (!(values.get(key) instanceof List<?> list)) {
            return List.of(string(key));
        }
        List<String> strings = new ArrayList<>();
        for (Object value : list) {
            if (value == null || value instanceof Map || value instanceof List) {
                throw problem(key, "must be a list of single values");
            }
            strings.add(String.valueOf(value));
        }
        return strings;
    }

    private Duration parseDuration(String key, String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw problem(key, "must be a duration such as 90s, 45m, 2h or 1h30m, got " + text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(matcher.group(2));
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        return matcher.group(1) == null ? total : total.negated();
    }
}
