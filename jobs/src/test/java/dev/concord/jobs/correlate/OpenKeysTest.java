package dev.concord.jobs.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenKeysTest {

    @Test
    void agreesWithAHashSetOverManyAddsAndRemovesAcrossGrowth() {
        Random random = new Random(11);
        OpenKeys keys = new OpenKeys();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            // few distinct keys, so runs form, collide and are shifted back on removal
            String key = "order-to-fulfillment/" + random.nextInt(3_000);
            if (random.nextInt(3) == 0) {
                keys.remove(key);
                expected.remove(key);
            } else {
                keys.add(key);
                expected.add(key);
            }
            String probe = "order-to-fulfillment/" + random.nextInt(3_000);
            assertThat(keys.contains(probe.hashCode(), probe)).isEqualTo(expected.contains(probe));
        }
        assertThat(keys.size()).isEqualTo(expected.size());
        for (int i = 0; i < 3_000; i++) {
            String key = "order-to-fulfillment/" + i;
            assertThat(keys.contains(key.hashCode(), key)).as(key).isEqualTo(expected.contains(key));
        }
    }

    @Test
    void keysWithTheSameHashAreToldApart() {
        // "Aa" and "BB" share a hash code
        OpenKeys keys = new OpenKeys();
        keys.add("Aa");
        assertThat(keys.contains("BB".hashCode(), "BB")).isFalse();
        keys.add("BB");
        keys.remove("Aa");
        assertThat(keys.contains("BB".hashCode(), "BB")).isTrue();
        assertThat(keys.contains("Aa".hashCode(), "Aa")).isFalse();
    }
}
