package dev.concord.rules.load;

import dev.concord.rules.model.Origin;
import dev.concord.rules.model.Position;
import dev.concord.rules.model.WireName;
import dev.concord.rules.problem.Problems;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;
import dev.concord.rules.text.Suggestions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reading one YAML document: turns nodes into values, reports what does not fit at the node's line and column, and
 * remembers where each path was written so that later checks can point there too.
 */
public final class DocumentContext {

    private final String file;
    private final Problems problems;
    private final Node root;
    private final Map<String, Position> positions = new HashMap<>();

    public DocumentContext(String file, Problems problems, Node root) {
        this.file = file;
        this.problems = problems;
        this.root = root;
    }

    public Origin origin() {
        return new Origin(position(root), positions);
    }

    public Node root() {
        return root;
    }

    public Position position(Node node) {
        return node.getStartMark()
                .map(mark -> YamlDocuments.position(file, mark))
                .orElse(new Position(file, 1, 1));
    }

    public void error(Node node, String path, String message) {
        problems.error(position(node), path, message);
    }

    public void warning(Node node, String path, String message) {
        problems.warning(position(node), path, message);
    }

    void remember(String path, Node node) {
        positions.putIfAbsent(path, position(node));
    }

    /** A mapping whose keys must be among {@code fields}; anything else is reported as unknown. */
    public Optional<MapReader> map(String path, Node node, String... fields) {
        remember(path, node);
        if (!(node instanceof MappingNode mapping)) {
            error(node, path, "expected a mapping with " + String.join(", ", fields) + "; found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(new MapReader(this, path, mapping, Arrays.asList(fields)));
    }

    public Optional<List<Node>> list(String path, Node node) {
        remember(path, node);
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                remember(path + "[" + i + "]", items.get(i));
            }
            return Optional.of(items);
        }
        error(node, path, "expected a list; found " + describe(node));
        return Optional.empty();
    }

    public Optional<String> string(String path, Node node) {
        remember(path, node);
        if (node instanceof ScalarNode scalar && !isNull(scalar)) {
            return Optional.of(scalar.getValue());
        }
        error(node, path, "expected a string; found " + describe(node));
        return Optional.empty();
    }

    public Optional<List<String>> strings(String path, Node node) {
        return list(path, node).map(items -> {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                string(path + "[" + i + "]", items.get(i)).ifPresent(values::add);
            }
            return values;
        });
    }

    public Map<String, String> stringMap(String path, Node node) {
        remember(path, node);
        if (!(node instanceof MappingNode mapping)) {
            error(node, path, "expected a mapping of names to values; found " + describe(node));
            return Map.of();
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        mapping.getValue()
                .forEach(tuple -> string(path, tuple.getKeyNode())
                        .ifPresent(key -> string(path + "." + key, tuple.getValueNode())
                                .ifPresent(value -> values.put(key, value))));
        return values;
    }

    public Optional<BigDecimal> number(String path, Node node) {
        return scalarText(path, node, "a number").flatMap(text -> {
            Optional<BigDecimal> value = Numbers.parse(text);
            if (value.isEmpty()) {
                error(node, path, "'" + text + "' is not a number");
            }
            return value;
        });
    }

    public Optional<Long> integer(String path, Node node) {
        return number(path, node).flatMap(value -> {
            try {
                return Optional.of(value.longValueExact());
            } catch (ArithmeticException notWhole) {
                error(node, path, Numbers.plain(value) + " is not a whole number");
                return Optional.empty();
            }
        });
    }

    public Optional<Boolean> bool(String path, Node node) {
        return scalarText(path, node, "true or false").flatMap(text -> {
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(Boolean.valueOf(text));
            }
            error(node, path, "'" + text + "' is not a boolean; write true or false");
            return Optional.empty();
        });
    }

    public Optional<Duration> duration(String path, Node node) {
        return scalarText(path, node, "a duration such as 5m").flatMap(text -> {
            Optional<Duration> value = Durations.parse(text);
            if (value.isEmpty()) {
                error(node, path, Durations.problem(text));
            }
            return value;
        });
    }

    /** One of an enum's constants, written as its {@link WireName}. */
    public <E extends Enum<E>> Optional<E> choice(String path, Node node, Class<E> type, String what) {
        return scalarText(path, node, what).flatMap(text -> {
            for (E constant : type.getEnumConstants()) {
                if (WireName.of(constant).equals(text)) {
                    return Optional.of(constant);
                }
            }
            List<String> valid =
                    Arrays.stream(type.getEnumConstants()).map(WireName::of).toList();
            error(node, path, "'" + text + "' is not a valid " + what + Suggestions.hint(text, valid));
            return Optional.empty();
        });
    }

    /** A list of enum constants; one given twice is reported where it is repeated. */
    public <E extends Enum<E>> List<E> choices(String path, Node node, Class<E> type, String what) {
        List<E> values = new ArrayList<>();
        list(path, node).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String at = path + "[" + i + "]";
                Node item = items.get(i);
                choice(at, item, type, what).ifPresent(value -> {
                    if (values.contains(value)) {
                        error(item, at, "duplicate " + what + " '" + WireName.of(value) + "'");
                    } else {
                        values.add(value);
                    }
                });
            }
        });
        return values;
    }

    private Optional<String> scalarText(String path, Node node, String expected) {
        remember(path, node);
        if (node instanceof ScalarNode scalar && !isNull(scalar)) {
            return Optional.of(scalar.getValue());
        }
        error(node, path, "expected " + expected + "; found " + describe(node));
        return Optional.empty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
