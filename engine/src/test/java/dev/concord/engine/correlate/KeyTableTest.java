package dev.concord.engine.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyTableTest {

    @Test
    void agreesWithAHashMapOverManyPutsAndRemovesAcrossGrowth() throws Exception {
        Random random = new Random(11);
        KeyTable keys = new KeyTable();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // few distinct keys, so runs form, collide and are shifted back on removal
            String key = "order-to-fulfillment/" + random.nextInt(3_000);
            if (random.nextInt(3) == 0) {
                keys.remove(key);
                expected.remove(key);
            } else {
                keys.put(key, i);
                expected.put(key, (long) i);
            }
            String probe = "order-to-fulfillment/" + random.nextInt(3_000);
            assertThat(keys.contains(probe.hashCode(), probe)).isEqualTo(expected.containsKey(probe));
            assertThat(keys.get(probe.hashCode(), probe)).isEqualTo(expected.getOrDefault(probe, KeyTable.ABSENT));
        }
        assertThat(keys.size()).isEqualTo(expected.size());
        Map<String, Long> read = new HashMap<>();
        keys.forEach(read::put);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void keysWithTheSameHashAreToldApart() {
        // "Aa" and "BB" share a hash code
        KeyTable keys = new KeyTable();
        keys.add("Aa");
        assertThat(keys.contains("BB".hashCode(), "BB")).isFalse();
        keys.add("BB");
        keys.remove("Aa");
        assertThat(keys.contains("BB".hashCode(), "BB")).isTrue();
        assertThat(keys.contains("Aa".hashCode(), "Aa")).isFalse();
    }

    @Test
    void aKeyWhoseHashIsZeroIsKeptLikeAnyOther() {
        KeyTable keys = new KeyTable();
        keys.put("", 7);

        assertThat("".hashCode()).isZero();
        assertThat(keys.get(0, "")).isEqualTo(7);
        keys.remove("");
        assertThat(keys.contains(0, "")).isFalse();
        assertThat(keys.size()).isZero();
    }
}
