package dev.concord.rules.openslo;

import dev.concord.rules.Conventions;
import dev.concord.rules.load.DocumentContext;
import dev.concord.rules.load.MapReader;
import dev.concord.rules.load.YamlDocuments;
import dev.concord.rules.load.YamlSource;
import dev.concord.rules.problem.Problems;
import dev.concord.rules.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Every top-level OpenSLO object of a set of sources, by kind and name, so references resolve across files. */
final class OpenSloIndex {

    private final Map<String, Map<String, OpenSloDocument>> byKind = new LinkedHashMap<>();

    static OpenSloIndex read(List<YamlSource> sources, Problems problems) {
        OpenSloIndex index = new OpenSloIndex();
        Conventions.OPENSLO_KINDS.forEach(kind -> index.byKind.put(kind, new LinkedHashMap<>()));
        for (YamlSource source : sources) {
            for (Node node : YamlDocuments.compose(source, problems)) {
                if (node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar
                        && scalar.getValue().isEmpty()) {
                    continue;
                }
                DocumentContext context = new DocumentContext(source.displayName(), problems, node);
                context.map("", node, OpenSloDocument.TOP_FIELDS).ifPresent(index::add);
            }
        }
        return index;
    }

    private void add(MapReader top) {
        Optional<String> apiVersion = top.requiredString("apiVersion");
        Optional<String> kind = top.requiredString("kind");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return;
        }
        if (!apiVersion.get().equals(Conventions.OPENSLO_API_VERSION)) {
            top.context()
                    .error(
                            top.value("apiVersion").orElseThrow(),
                            "apiVersion",
                            "unsupported apiVersion '" + apiVersion.get() + "'; the importer reads "
                                    + Conventions.OPENSLO_API_VERSION);
            return;
        }
        if (!Conventions.OPENSLO_KINDS.contains(kind.get())) {
            top.context()
                    .error(
                            top.value("kind").orElseThrow(),
                            "kind",
                            "unknown OpenSLO kind '" + kind.get() + "'"
                                    + Suggestions.hint(kind.get(), Conventions.OPENSLO_KINDS));
            return;
        }
        OpenSloDocument.read(top, kind.get()).ifPresent(document -> {
            OpenSloDocument first = byKind.get(kind.get()).putIfAbsent(document.name(), document);
            if (first != null) {
                top.context()
                        .error(
                                top.node(),
                                "metadata.name",
                                "duplicate " + kind.get() + " name '" + document.name() + "'; first defined at "
                                        + first.context()
                                                .position(first.document().node()));
            }
        });
    }

    List<OpenSloDocument> all(String kind) {
        return new ArrayList<>(byKind.get(kind).values());
    }

    Optional<OpenSloDocument> find(String kind, String name) {
        return Optional.ofNullable(byKind.get(kind).get(name));
    }

    /** Resolves a reference, reporting an undefined one at {@code node} with the nearest defined name. */
    Optional<OpenSloDocument> resolve(String kind, String name, DocumentContext context, Node node, String path) {
        Optional<OpenSloDocument> found = find(kind, name);
        if (found.isEmpty()) {
            var defined = byKind.get(kind).keySet();
            String hint = defined.isEmpty()
                    ? "; no " + kind + " is defined in the files imported"
                    : Suggestions.nearest(name, defined)
                            .map(near -> "; did you mean '" + near + "'?")
                            .orElseGet(() -> "; defined: " + String.join(", ", defined));
            context.error(node, path, "undefined " + kind + " '" + name + "'" + hint);
        }
        return found;
    }
}
