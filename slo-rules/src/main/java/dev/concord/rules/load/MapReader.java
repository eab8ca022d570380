package dev.concord.rules.load;

import dev.concord.rules.text.Suggestions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The fields of one YAML mapping. Unknown and repeated keys are reported when the reader is made, so a typo is
 * caught even in a field nobody asks for; a key whose value is empty ({@code key:}) counts as absent.
 */
public final class MapReader {

    private final DocumentContext context;
    private final String path;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    MapReader(DocumentContext context, String path, MappingNode node, List<String> fields) {
        this.context = context;
        this.path = path;
        this.node = node;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                context.error(keyNode, path, "expected a field name; found " + DocumentContext.describe(keyNode));
                continue;
            }
            String key = scalarKey.getValue();
            NodeTuple first = entries.get(key);
            if (first != null) {
                context.error(
                        keyNode,
                        child(key),
                        "duplicate field '" + key + "'; first given at line "
                                + context.position(first.getKeyNode()).line());
            } else if (!fields.contains(key)) {
                context.error(keyNode, child(key), "unknown field '" + key + "'" + Suggestions.hint(key, fields));
            } else {
                entries.put(key, tuple);
            }
        }
    }

    public String path() {
        return path;
    }

    public Node node() {
        return node;
    }

    public DocumentContext context() {
        return context;
    }

    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Whether the key is written at all, even with an empty value. */
    public boolean written(String key) {
        return entries.containsKey(key);
    }

    public boolean has(String key) {
        return value(key).isPresent();
    }

    public Optional<Node> value(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null || DocumentContext.isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        context.remember(child(key), tuple.getValueNode());
        return Optional.of(tuple.getValueNode());
    }

    /** Reports a missing field at this mapping and returns empty, so callers can chain {@code .orElse(null)}. */
    public <T> Optional<T> missing(String key) {
        context.error(node, child(key), "missing required field '" + key + "'");
        return Optional.empty();
    }

    public Optional<String> string(String key) {
        return value(key).flatMap(v -> context.string(child(key), v));
    }

    public Optional<String> requiredString(String key) {
        return has(key) ? string(key) : missing(key);
    }

    public Optional<BigDecimal> number(String key) {
        return value(key).flatMap(v -> context.number(child(key), v));
    }

    public Optional<BigDecimal> requiredNumber(String key) {
        return has(key) ? number(key) : missing(key);
    }

    public Optional<Long> integer(String key) {
        return value(key).flatMap(v -> context.integer(child(key), v));
    }

    public Optional<Boolean> bool(String key) {
        return value(key).flatMap(v -> context.bool(child(key), v));
    }

    public Optional<Duration> duration(String key) {
        return value(key).flatMap(v -> context.duration(child(key), v));
    }

    public Optional<Duration> requiredDuration(String key) {
        return has(key) ? duration(key) : missing(key);
    }

    public Optional<List<String>> strings(String key) {
        return value(key).flatMap(v -> context.strings(child(key), v));
    }

    public Optional<List<String>> requiredStrings(String key) {
        return has(key) ? strings(key) : missing(key);
    }

    public Map<String, String> stringMap(String key) {
        return value(key).map(v -> context.stringMap(child(key), v)).orElse(Map.of());
    }

    public Optional<List<Node>> list(String key) {
        return value(key).flatMap(v -> context.list(child(key), v));
    }

    public Optional<MapReader> map(String key, String... fields) {
        return value(key).flatMap(v -> context.map(child(key), v, fields));
    }

    public <E extends Enum<E>> Optional<E> choice(String key, Class<E> type, String what) {
        return value(key).flatMap(v -> context.choice(child(key), v, type, what));
    }

    public <E extends Enum<E>> List<E> choices(String key, Class<E> type, String what) {
        return value(key).map(v -> context.choices(child(key), v, type, what)).orElse(List.of());
    }

    public <E extends Enum<E>> Optional<E> requiredChoice(String key, Class<E> type, String what) {
        return has(key) ? choice(key, type, what) : missing(key);
    }

    /** The written keys among {@code alternatives}, for fields of which exactly one must be given. */
    public List<String> writtenAmong(String... alternatives) {
        return java.util.Arrays.stream(alternatives).filter(this::written).toList();
    }
}
