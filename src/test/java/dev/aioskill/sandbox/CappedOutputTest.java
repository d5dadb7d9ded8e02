package dev.aioskill.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class CappedOutputTest {

    @Test
    void keepsTheCapAndCountsWhatItDiscarded() throws Exception {
        CappedOutput out = new CappedOutput(new ByteArrayInputStream("a".repeat(1000).getBytes()), 100, "t");
        out.await(5_000);

        assertThat(out.text()).startsWith("a".repeat(100)).contains("900 more bytes discarded (cap 100 bytes)");
    }

    @Test
    void drainsAnEndlessStreamWithoutHoldingIt() throws Exception {
        InputStream fiftyMegabytes = new InputStream() {
            long left = 50L << 20;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                return n;
            }
        };
        CappedOutput out = new CappedOutput(fiftyMegabytes, 1024, "t");
        out.await(10_000);

        assertThat(out.discardedBytes()).isEqualTo((50L << 20) - 1024);
    }

    @Test
    void combinedOutputHoldsBothStreamsWithinTheCap() throws Exception {
        CappedOutput out = new CappedOutput(new ByteArrayInputStream("out\n".getBytes()), 100, "o");
        CappedOutput err = new CappedOutput(new ByteArrayInputStream("err\n".getBytes()), 100, "e");
        out.await(5_000);
        err.await(5_000);

        assertThat(CappedOutput.combine(out, err, 100)).isEqualTo("out\nerr\n");
        assertThat(CappedOutput.combine(out, err, 6)).startsWith("out\ner").contains("2 more bytes discarded");
    }
}
