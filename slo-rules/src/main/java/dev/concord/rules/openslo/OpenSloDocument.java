package dev.concord.rules.openslo;

import dev.concord.rules.load.DocumentContext;
import dev.concord.rules.load.MapReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * An OpenSLO object, top-level in a file or inline in another ({@code spec.indicator}, an alert policy's
 * {@code conditions[0]}); its spec is read by the mapper that needs it, with that kind's fields.
 */
record OpenSloDocument(
        String kind,
        String name,
        String displayName,
        Map<String, String> labels,
        Map<String, String> annotations,
        MapReader document) {

    static final String[] TOP_FIELDS = {"apiVersion", "kind", "metadata", "spec"};
    static final String[] METADATA_FIELDS = {"name", "displayName", "labels", "annotations"};

    DocumentContext context() {
        return document.context();
    }

    Optional<MapReader> spec(String... fields) {
        return document.has("spec") ? document.map("spec", fields) : document.missing("spec");
    }

    /** The value of a label or annotation, annotations first. */
    Optional<String> tag(String key) {
        return Optional.ofNullable(annotations.get(key)).or(() -> Optional.ofNullable(labels.get(key)));
    }

    /** Reads an object's header; {@code kind} is what the place it was found in requires. */
    static Optional<OpenSloDocument> read(MapReader document, String kind) {
        Optional<MapReader> metadata =
                document.has("metadata") ? document.map("metadata", METADATA_FIELDS) : document.missing("metadata");
        return metadata.flatMap(m -> m.requiredString("name")
                .map(name -> new OpenSloDocument(
                        kind,
                        name,
                        m.string("displayName").orElse(""),
                        labels(m),
                        m.stringMap("annotations"),
                        document)));
    }

    /** OpenSLO allows a label to hold a list of values; Concord labels hold one, so a list is joined by commas. */
    private static Map<String, String> labels(MapReader metadata) {
        Map<String, String> labels = new LinkedHashMap<>();
        metadata.value("labels").ifPresent(node -> {
            if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping)) {
                metadata.context().error(node, metadata.child("labels"), "expected a mapping of label names to values");
                return;
            }
            mapping.getValue().forEach(tuple -> {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                Node value = tuple.getValueNode();
                String path = metadata.child("labels") + "." + key;
                if (value instanceof SequenceNode) {
                    metadata.context()
                            .strings(path, value)
                            .ifPresent(values -> labels.put(key, String.join(",", values)));
                } else {
                    metadata.context().string(path, value).ifPresent(v -> labels.put(key, v));
                }
            });
        });
        return labels;
    }
}
