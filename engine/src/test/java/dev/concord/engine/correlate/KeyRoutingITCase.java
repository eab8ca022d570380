package dev.concord.engine.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.Conventions;
import dev.concord.engine.Engine;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.sources.InMemorySources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Flink runtime behaviour the correlator's own state relies on. On restore it hands each instance the
 * checkpointed tombstones whose key {@link KeyGroupRangeAssignment#assignKeyToParallelOperator} places on that
 * instance, and rebuilds its schedule from the keys {@code applyToAllKeys} finds in its keyed state. Both are right
 * only while that assignment names the very subtask that {@code keyBy} routes the key's spans to: a Flink upgrade
 * that changes the routing or the assignment fails this test before it misplaces a tombstone.
 */
class KeyRoutingITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(3)
                    .build());

    /** Where keyBy delivered a key. */
    public record Routed(String key, int subtask) {}

    @ParameterizedTest(name = "at parallelism {0} keyBy routes every key to the subtask its key group names")
    @ValueSource(ints = {2, 3})
    void keyByRoutesEveryKeyToTheSubtaskItsKeyGroupNames(int parallelism, @TempDir Path out) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            keys.add("order-to-fulfillment/o-" + i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.setMaxParallelism(Conventions.MAX_PARALLELISM);
        env.fromSource(
                        InMemorySources.ofRecords(keys, String.class, env.getConfig()),
                        WatermarkStrategy.noWatermarks(),
                        "keys")
                .keyBy(key -> key, Types.STRING)
                .process(new WhereRouted(), TypeInformation.of(Routed.class))
                .sinkTo(new JsonLinesSink<>(out));
        env.execute("key-routing");

        List<Routed> routed = JsonLines.read(out, Routed.class);
        assertThat(routed).hasSize(keys.size());
        assertThat(routed)
                .extracting(Routed::subtask)
                .as("every subtask got keys")
                .contains(0, parallelism - 1);
        for (Routed r : routed) {
            assertThat(r.subtask())
                    .as(r.key())
                    .isEqualTo(KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            r.key(), Conventions.MAX_PARALLELISM, parallelism));
        }
    }

    private static final class WhereRouted extends KeyedProcessFunction<String, String, Routed> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(String key, Context context, Collector<Routed> out) {
            out.collect(new Routed(key, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()));
        }
    }
}
