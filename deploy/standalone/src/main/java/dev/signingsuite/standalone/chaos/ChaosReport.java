package dev.signingsuite.standalone.chaos;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of one chaos run, as the issue names them, plus what the run could and could not do
 * (faults the sandbox did not take, a signing log it does not have) so that no figure claims more.
 *
 * @param remoteSignatures null when the sandbox keeps no signing log
 * @param doubleSignatures null when the sandbox keeps no signing log
 * @param unanswered malformed records left without an answer, by kind
 * @param restartSeconds the longest service restart measured
 */
public record ChaosReport(
        int submitted,
        int assembled,
        Map<String, Integer> failed,
        int missing,
        int duplicateOutcomes,
        int containersInvalid,
        Integer remoteSignatures,
        Integer doubleSignatures,
        Map<String, Integer> kills,
        int brokerKills,
        int malformedSent,
        int malformedAnswered,
        Map<String, Integer> unanswered,
        boolean faultsApplied,
        boolean outageApplied,
        double restartSeconds,
        double elapsedSeconds) {

    public ChaosReport {
        failed = new TreeMap<>(failed);
        kills = new TreeMap<>(kills);
        unanswered = new TreeMap<>(unanswered);
    }

    /** Exit 0 only on this: nothing lost, nothing twice, every container valid, every bad record answered. */
    public boolean passed() {
        return missing == 0
                && duplicateOutcomes == 0
                && doubleSignatures != null
                && doubleSignatures == 0
                && containersInvalid == 0
                && malformedAnswered == malformedSent;
    }

    public String json() {
        return String.format(
                Locale.ROOT,
                """
                {
                  "submitted": %d,
                  "assembled": %d,
                  "failed": %s,
                  "missing": %d,
                  "duplicate_outcomes": %d,
                  "containers_invalid": %d,
                  "remote_signatures": %s,
                  "double_signatures": %s,
                  "kills": %s,
                  "broker_kills": %d,
                  "malformed_sent": %d,
                  "malformed_answered": %d,
                  "malformed_unanswered": %s,
                  "faults_applied": %s,
                  "outage_applied": %s,
                  "restart_s": %.1f,
                  "elapsed_s": %.1f,
                  "passed": %s
                }
                """,
                submitted,
                assembled,
                object(failed),
                missing,
                duplicateOutcomes,
                containersInvalid,
                remoteSignatures,
                doubleSignatures,
                object(kills),
                brokerKills,
                malformedSent,
                malformedAnswered,
                object(unanswered),
                faultsApplied,
                outageApplied,
                restartSeconds,
                elapsedSeconds,
                passed());
    }

    public void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%d submitted: %d assembled, %d failed %s, %d missing; %d duplicate outcomes; %d containers"
                        + " invalid%n",
                submitted,
                assembled,
                failed.values().stream().mapToInt(Integer::intValue).sum(),
                failed,
                missing,
                duplicateOutcomes,
                containersInvalid);
        out.printf(
                Locale.ROOT,
                "remote signatures %s, double signatures %s%s%n",
                remoteSignatures,
                doubleSignatures,
                doubleSignatures == null ? " (the sandbox keeps no signing log: not counted)" : "");
        out.printf(
                Locale.ROOT,
                "kills %s, broker kills %d, faults %s, outage %s; malformed %d sent, %d answered %s; %.0f s%n",
                kills,
                brokerKills,
                faultsApplied ? "on" : "not applied",
                outageApplied ? "applied" : "not applied",
                malformedSent,
                malformedAnswered,
                unanswered.isEmpty() ? "" : "(unanswered " + unanswered + ")",
                elapsedSeconds);
        out.println(passed() ? "PASSED" : "FAILED");
    }

    private static String object(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
