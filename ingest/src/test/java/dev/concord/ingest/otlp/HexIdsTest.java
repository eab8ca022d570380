package dev.concord.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HexIdsTest {

    @Test
    void bytesAtAnyOffsetAndOfAnyLengthBecomeTheLowercaseHexOfTheJdk() {
        Random random = new Random(3);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[40];
            random.nextBytes(bytes);
            int offset = random.nextInt(20);
            int length = random.nextInt(21);
            String expected = HexFormat.of().formatHex(bytes, offset, offset + length);

            assertThat(HexIds.toHex(bytes, offset, length)).isEqualTo(expected);
            assertThat(HexIds.toHex(bytes, offset, length, new byte[2 * length + random.nextInt(3)]))
                    .isEqualTo(expected);
            assertThat(HexIds.toHex(ByteString.copyFrom(bytes, offset, length))).isEqualTo(expected);
        }
        assertThat(HexIds.toHex(new byte[] {0, (byte) 0x9a, (byte) 0xff, 0x10}, 0, 4))
                .isEqualTo("009aff10");
    }
}
