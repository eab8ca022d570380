package dev.concord.rules.load;

import dev.concord.rules.Conventions;
import dev.concord.rules.model.Metadata;
import dev.concord.rules.model.RuleDocument;
import dev.concord.rules.problem.Problems;
import dev.concord.rules.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads the {@code concord.dev/v1} documents of one YAML source; each kind's spec has its own reader. */
public final class RuleDocuments {

    static final String[] TOP_FIELDS = {"apiVersion", "kind", "metadata", "spec"};
    static final String[] METADATA_FIELDS = {"name", "labels", "annotations"};

    private RuleDocuments() {}

    public static List<RuleDocument> read(YamlSource source, Problems problems) {
        List<RuleDocument> documents = new ArrayList<>();
        for (Node node : YamlDocuments.compose(source, problems)) {
            if (DocumentContext.isNull(node)) {
                continue;
            }
            DocumentContext context = new DocumentContext(source.displayName(), problems, node);
            context.map("", node, TOP_FIELDS).flatMap(RuleDocuments::read).ifPresent(documents::add);
        }
        return documents;
    }

    private static Optional<RuleDocument> read(MapReader top) {
        Optional<String> apiVersion = top.requiredString("apiVersion");
        Optional<String> kind = top.requiredString("kind");
        Optional<Metadata> metadata = top.has("metadata") ? metadata(top) : top.missing("metadata");
        boolean hasSpec = top.has("spec");
        if (!hasSpec) {
            top.missing("spec");
        }
        if (apiVersion.isEmpty()
                || !supported(top, apiVersion.get())
                || kind.isEmpty()
                || !known(top, kind.get())
                || metadata.isEmpty()
                || !hasSpec) {
            return Optional.empty();
        }
        return top.map("spec", fieldsOf(kind.get())).map(spec -> switch (kind.get()) {
            case Conventions.KIND_BUSINESS_TRANSACTION -> TransactionReader.read(metadata.get(), spec);
            case Conventions.KIND_SLO -> SloReader.read(metadata.get(), spec);
            case Conventions.KIND_FAILOVER_POLICY -> FailoverPolicyReader.read(metadata.get(), spec);
            case Conventions.KIND_GUARD_SIGNAL -> GuardSignalReader.read(metadata.get(), spec);
            case Conventions.KIND_WINDOW_TABLE -> WindowTableReader.read(metadata.get(), spec);
            default -> throw new IllegalStateException(kind.get());
        });
    }

    private static boolean known(MapReader top, String kind) {
        if (Conventions.KINDS.contains(kind)) {
            return true;
        }
        top.context()
                .error(
                        top.value("kind").orElseThrow(),
                        "kind",
                        "unknown kind '" + kind + "'" + Suggestions.hint(kind, Conventions.KINDS));
        return false;
    }

    private static boolean supported(MapReader top, String apiVersion) {
        if (apiVersion.equals(Conventions.API_VERSION)) {
            return true;
        }
        Node node = top.value("apiVersion").orElseThrow();
        if (apiVersion.equals(Conventions.OPENSLO_API_VERSION)) {
            top.context()
                    .error(
                            node,
                            "apiVersion",
                            "an OpenSLO document; convert it with `concord rules import-openslo` and check the result");
        } else {
            top.context()
                    .error(
                            node,
                            "apiVersion",
                            "unsupported apiVersion '" + apiVersion + "'; expected " + Conventions.API_VERSION);
        }
        return false;
    }

    private static Optional<Metadata> metadata(MapReader top) {
        return top.map("metadata", METADATA_FIELDS).flatMap(metadata -> {
            Optional<String> name = metadata.requiredString("name");
            return name.map(n -> new Metadata(n, metadata.stringMap("labels"), metadata.stringMap("annotations")));
        });
    }

    private static String[] fieldsOf(String kind) {
        return switch (kind) {
            case Conventions.KIND_BUSINESS_TRANSACTION -> TransactionReader.FIELDS;
            case Conventions.KIND_SLO -> SloReader.FIELDS;
            case Conventions.KIND_FAILOVER_POLICY -> FailoverPolicyReader.FIELDS;
            case Conventions.KIND_GUARD_SIGNAL -> GuardSignalReader.FIELDS;
            case Conventions.KIND_WINDOW_TABLE -> WindowTableReader.FIELDS;
            default -> throw new IllegalStateException(kind);
        };
    }
}
