package dev.concord.rules.openslo;

import dev.concord.rules.Conventions;
import dev.concord.rules.load.YamlFiles;
import dev.concord.rules.load.YamlSource;
import dev.concord.rules.model.Slo;
import dev.concord.rules.problem.Problem;
import dev.concord.rules.problem.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts OpenSLO v1 into Concord rules. Every object is resolved across all the files given, every SLO objective
 * becomes a Concord SLO, and whatever cannot be mapped is an error naming its field: an import either carries
 * everything over or writes nothing.
 */
public final class OpenSloImport {

    /** A file to write: its name in the output directory and its YAML. */
    public record ImportedFile(String name, String yaml) {}

    public record ImportResult(List<Slo> slos, List<ImportedFile> files, List<Problem> problems) {

        public ImportResult {
            slos = List.copyOf(slos);
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.stream().noneMatch(Problem::isError);
        }

        public long errorCount() {
            return problems.stream().filter(Problem::isError).count();
        }
    }

    private OpenSloImport() {}

    /** Objects no SLO refers to are still read, so that a typo in them is reported rather than ignored. */
    private static void checkUnreferenced(OpenSloIndex index) {
        index.all(Conventions.OPENSLO_KIND_SERVICE).forEach(d -> d.spec("description"));
        index.all(Conventions.OPENSLO_KIND_SLI).forEach(d -> d.spec(SliMapper.SLI_FIELDS));
        index.all(Conventions.OPENSLO_KIND_ALERT_POLICY).forEach(d -> d.spec(AlertPolicyMapper.POLICY_FIELDS));
        index.all(Conventions.OPENSLO_KIND_ALERT_CONDITION)
                .forEach(d -> d.spec(AlertPolicyMapper.CONDITION_SPEC_FIELDS));
        index.all(Conventions.OPENSLO_KIND_ALERT_NOTIFICATION_TARGET)
                .forEach(d -> d.spec(AlertPolicyMapper.TARGET_SPEC_FIELDS));
        index.all(Conventions.OPENSLO_KIND_DATA_SOURCE).forEach(d -> d.spec(SliMapper.DATA_SOURCE_FIELDS));
    }

    public static ImportResult read(List<Path> paths) {
        Problems problems = new Problems();
        return read(YamlFiles.under(paths, problems), problems);
    }

    public static ImportResult read(List<YamlSource> sources, Problems problems) {
        OpenSloIndex index = OpenSloIndex.read(sources, problems);
        SloMapper mapper = new SloMapper(index);
        List<Slo> slos = new ArrayList<>();
        for (OpenSloDocument slo : index.all(Conventions.OPENSLO_KIND_SLO)) {
            slos.addAll(mapper.map(slo));
        }
        checkUnreferenced(index);
        java.util.Map<String, Slo> byName = new java.util.HashMap<>();
        for (Slo slo : slos) {
            Slo first = byName.putIfAbsent(slo.name(), slo);
            if (first != null) {
                problems.error(
                        slo.origin().document(),
                        "spec.objectives",
                        "two objectives map to the Concord SLO name '" + slo.name()
                                + "'; give them different displayNames");
            }
        }
        List<ImportedFile> files = new ArrayList<>();
        for (Slo slo : slos) {
            String comment = "Imported from " + slo.metadata().annotations().get(Conventions.ANNOTATION_IMPORTED_FROM)
                    + " by concord rules import-openslo.";
            files.add(new ImportedFile(slo.name() + ".yaml", ConcordYaml.write(slo, comment)));
        }
        return new ImportResult(slos, files, problems.sorted());
    }
}
