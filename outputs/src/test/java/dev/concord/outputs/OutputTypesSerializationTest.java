package dev.concord.outputs;

import dev.concord.outputs.prometheus.MetricUpdate;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputTypesSerializationTest {

    @ParameterizedTest(name = "{0} is serialized by Flink as a POJO without Kryo")
    @ValueSource(classes = {MetricUpdate.class})
    void isSerializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
