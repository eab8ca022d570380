package dev.concord.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.rules.explain.Explainer;
import dev.concord.rules.load.RuleDocuments;
import dev.concord.rules.load.YamlFiles;
import dev.concord.rules.load.YamlSource;
import dev.concord.rules.model.FailoverPolicy;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Indicator;
import dev.concord.rules.model.Layer;
import dev.concord.rules.model.RuleDocument;
import dev.concord.rules.problem.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules Concord ships in {@code slo-rules/rules/}: every file must load, and all of them validate together. */
class ShippedRulesTest {

    private static final Path SHIPPED = Path.of("rules");

    static Stream<Path> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} reads without a problem")
    @MethodSource("shippedFiles")
    void everyShippedFileReadsWithoutAProblem(Path file) {
        assertThat(YamlFiles.isYaml(file)).as("only rule files live in rules/").isTrue();
        Problems problems = new Problems();
        List<RuleDocument> documents = RuleDocuments.read(YamlSource.file(file), problems);
        assertThat(problems.sorted()).isEmpty();
        assertThat(documents).isNotEmpty();
    }

    @Test
    void theShippedRulesValidateTogetherWithoutErrorsOrWarnings() {
        CheckResult result = Rules.check(List.of(SHIPPED));
        assertThat(result.problems()).isEmpty();
        assertThat(Explainer.explain(result.rules()))
                .hasSize(result.rules().slos().size());
    }

    @Test
    void theFourTransactionsEachHaveAnAvailabilityAndALatencySlo() {
        CheckResult result = Rules.check(List.of(SHIPPED));
        assertThat(result.rules().transactions())
                .extracting(RuleDocument::name)
                .containsExactlyInAnyOrder(
                        "order-to-fulfillment",
                        "procurement-to-receiving",
                        "production-planning-to-execution",
                        "inventory-to-financial-posting");
        Map<String, List<String>> indicators = result.rules().slos().stream()
                .collect(Collectors.groupingBy(
                        slo -> slo.transaction(),
                        Collectors.mapping(slo -> slo.indicator().getClass().getSimpleName(), Collectors.toList())));
        assertThat(indicators).hasSize(4);
        indicators
                .values()
                .forEach(kinds -> assertThat(kinds)
                        .containsExactlyInAnyOrder(
                                Indicator.Availability.class.getSimpleName(), Indicator.Latency.class.getSimpleName()));
    }

    @Test
    void everyArchitectureLayerHasAPolicyWithTheAgreedPattern() {
        Map<Layer, FailoverPolicy> byLayer = Rules.check(List.of(SHIPPED)).rules().policies().stream()
                .collect(Collectors.toMap(FailoverPolicy::layer, p -> p));
        assertThat(byLayer).containsOnlyKeys(Layer.values());
        assertThat(byLayer.get(Layer.GLOBAL_TRAFFIC).pattern()).isEqualTo(HaPattern.ACTIVE_ACTIVE);
        assertThat(byLayer.get(Layer.WEB_API).pattern()).isEqualTo(HaPattern.ACTIVE_ACTIVE);
        assertThat(byLayer.get(Layer.INTEGRATION).pattern()).isEqualTo(HaPattern.ASYNCHRONOUS);
        assertThat(byLayer.get(Layer.INTEGRATION).replay()).isNotNull();
        assertThat(byLayer.get(Layer.ANALYTICS).pattern()).isEqualTo(HaPattern.DEFERRED);
        FailoverPolicy database = byLayer.get(Layer.TRANSACTIONAL_DB);
        assertThat(database.pattern()).isEqualTo(HaPattern.ACTIVE_PASSIVE);
        assertThat(database.vetoes().replicationLag()).isNotNull();
        assertThat(database.confirmation().required()).isTrue();
    }
}
