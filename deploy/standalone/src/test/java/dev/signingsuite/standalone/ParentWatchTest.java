package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child of {@code --processes} must not outlive its parent, also when the parent is SIGKILLed:
 * the kernel then closes the parent's end of the child's stdin, which is what this test does.
 */
class ParentWatchTest {

    /** The child: watches its stdin as every service and Kafka node does, and would sleep forever. */
    public static final class Orphan {
        public static void main(String[] args) throws InterruptedException {
            ParentWatch.start(System.in);
            System.out.println("watching");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void aChildEndsWhenThePipeFromItsParentCloses() throws Exception {
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Orphan.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("watching");
            assertThat(child.isAlive()).isTrue();

            child.getOutputStream().close();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }
}
