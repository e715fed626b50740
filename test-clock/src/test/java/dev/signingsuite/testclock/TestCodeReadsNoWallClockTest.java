package dev.signingsuite.testclock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Test code reads the time only through {@link TestClock}: a test that takes {@code Instant.now()}
 * next to a fixed date, or a fixed date next to a PKI issued "now", passes only in the week it was
 * written. With one door to the clock, every test either runs at "now" consistently (and the
 * time-shifted runs move all of it) or at a fixed instant it chose.
 */
class TestCodeReadsNoWallClockTest {

    @Test
    void noTestInTheProjectReadsTheMachinesClockDirectly() {
        Path root = projectRoot();

        assertThat(WallClockReads.in(root))
                .as("read the time through dev.signingsuite.testclock.TestClock (or a Clock the test passes in)")
                .isEmpty();
    }

    @Test
    void everyWayOfReadingTheClockIsFound() {
        String source = String.join(
                "\n",
                "class Late {",
                "    Instant a = Instant.now();",
                "    Clock b = Clock.systemUTC();",
                "    Clock c = java.time.Clock.systemDefaultZone();",
                "    Date d = new Date();",
                "    long e = System.currentTimeMillis();",
                "    LocalDate f = LocalDate.now(ZoneOffset.UTC);",
                "    OffsetDateTime g = OffsetDateTime.now();",
                "    Calendar h = Calendar.getInstance();",
                "}");

        assertThat(WallClockReads.in("Late.java", source))
                .extracting(finding -> finding.substring(0, finding.indexOf(": ")))
                .containsExactly(
                        "Late.java:2",
                        "Late.java:3",
                        "Late.java:4",
                        "Late.java:5",
                        "Late.java:6",
                        "Late.java:7",
                        "Late.java:8",
                        "Late.java:9");
    }

    @Test
    void theTestClockAFixedDateCommentsAndStringsAreNotReads() {
        String source = String.join(
                "\n",
                "class OnTime {",
                "    Instant a = TestClock.now();",
                "    Clock b = Clock.fixed(Instant.parse(\"2026-11-23T09:00:00Z\"), ZoneOffset.UTC);",
                "    // Instant.now() here would pass only this week",
                "    /* Clock.systemUTC() */ Date c = new Date(0);",
                "    /**",
                "     * never System.currentTimeMillis()",
                "     */",
                "    String d = \"Instant.now()\";",
                "    Instant nowish = later.now;",
                "}");

        assertThat(WallClockReads.in("OnTime.java", source)).isEmpty();
    }

    private static Path projectRoot() {
        // Surefire runs in the module's directory; the project is its parent.
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        assertThat(root.resolve("test-clock/pom.xml")).as("project root").satisfies(Files::exists);
        return root;
    }
}
