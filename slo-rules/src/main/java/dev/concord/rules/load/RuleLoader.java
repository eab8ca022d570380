package dev.concord.rules.load;

import dev.concord.rules.Conventions;
import dev.concord.rules.model.BusinessTransaction;
import dev.concord.rules.model.FailoverPolicy;
import dev.concord.rules.model.GuardSignal;
import dev.concord.rules.model.RuleDocument;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.WindowTable;
import dev.concord.rules.problem.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads rule files and directories into a {@link RuleSet}, reporting into {@link Problems} what it cannot read. */
public final class RuleLoader {

    private RuleLoader() {}

    public static RuleSet load(List<Path> paths, Problems problems) {
        return fromSources(YamlFiles.under(paths, problems), problems);
    }

    public static RuleSet fromSources(List<YamlSource> sources, Problems problems) {
        List<RuleDocument> documents = new ArrayList<>();
        for (YamlSource source : sources) {
            documents.addAll(RuleDocuments.read(source, problems));
        }
        return new RuleSet(
                of(documents, BusinessTransaction.class),
                of(documents, Slo.class),
                of(documents, FailoverPolicy.class),
                of(documents, GuardSignal.class),
                of(documents, WindowTable.class),
                builtInWindowTables());
    }

    /** The tables shipped as data files; a broken one is a build defect, so it fails loudly. */
    public static List<WindowTable> builtInWindowTables() {
        Problems problems = new Problems();
        List<WindowTable> tables = new ArrayList<>();
        for (String name : Conventions.BUILT_IN_WINDOW_TABLES) {
            YamlSource source = YamlSource.resource(Conventions.WINDOW_TABLE_RESOURCES + name + ".yaml");
            tables.addAll(of(RuleDocuments.read(source, problems), WindowTable.class));
        }
        if (problems.hasErrors() || tables.size() != Conventions.BUILT_IN_WINDOW_TABLES.size()) {
            throw new IllegalStateException("broken built-in window tables: " + problems.sorted());
        }
        return tables;
    }

    private static <T extends RuleDocument> List<T> of(List<RuleDocument> documents, Class<T> kind) {
        return documents.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
