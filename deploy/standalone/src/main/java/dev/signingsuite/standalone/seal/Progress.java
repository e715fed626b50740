package dev.signingsuite.standalone.seal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** A one-line progress bar, redrawn in place. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void update(List<SealOutcome> outcomes) {
        long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
        int done = outcomes.size();
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        out.printf(
                Locale.ROOT,
                "\r[%s%s] %d/%d documents, %d failed",
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                done,
                total,
                failed);
        out.flush();
    }

    void done() {
        out.println();
    }
}
