package dev.signingsuite.standalone;

import dev.signingsuite.standalone.Invocation.ChaosOptions;
import dev.signingsuite.standalone.chaos.SandboxFaults;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The disturbances of a chaos run, on its own thread: a SIGKILLed service every
 * {@code --kill-every} (started again at once; the interval counts from the moment the last victim
 * is back, so that at most one service process is down however short the interval; the restart runs
 * beside the agent, so that a broker kill or the outage may fall inside it), the broker kills spread over the run by the share of
 * documents answered, and one TSA and OCSP outage once a quarter of them are answered.
 */
final class ChaosAgent implements Runnable {

    private final ProcessSuite suite;
    private final ChaosOptions options;
    private final SandboxFaults faults;
    private final IntSupplier answered;
    private final Function<List<ChildProcess>, ChildProcess> pick;
    private final PrintStream out;
    private final Map<String, Integer> kills = new ConcurrentHashMap<>();
    private volatile int brokerKills;
    private volatile boolean outageApplied;
    private volatile boolean outageDone;
    private volatile double longestRestartSeconds;
    private volatile boolean stopped;
    private volatile boolean restarting;
    private volatile long nextKill;

    ChaosAgent(
            ProcessSuite suite,
            ChaosOptions options,
            SandboxFaults faults,
            IntSupplier answered,
            Function<List<ChildProcess>, ChildProcess> pick,
            PrintStream out) {
        this.suite = suite;
        this.options = options;
        this.faults = faults;
        this.answered = answered;
        this.pick = pick;
        this.out = out;
    }

    @Override
    public void run() {
        nextKill = options.killEvery() == null
                ? Long.MAX_VALUE
                : System.nanoTime() + options.killEvery().toNanos();
        try {
            while (!stopped) {
                int done = answered.getAsInt();
                if (brokerKills < options.brokerKills()
                        && done >= (long) (brokerKills + 1) * options.documents() / (options.brokerKills() + 1)) {
                    killBroker();
                } else if (options.outage() != null && !outageDone && done >= options.documents() / 4) {
                    outageDone = true;
                    outageApplied = faults.outage(SandboxFaults.TSA, options.outage())
                            & faults.outage(SandboxFaults.OCSP, options.outage());
                    out.printf(
                            "TSA and OCSP down for %s%s%n",
                            options.outage(), outageApplied ? "" : " (refused by the sandbox)");
                } else if (!restarting && System.nanoTime() >= nextKill) {
                    List<ChildProcess> services = suite.services();
                    killAndRestart(pick.apply(services));
                } else {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            out.println("chaos: a disturbance failed, no more follow: " + StandaloneApplication.innermostMessage(e));
        }
    }

    void stop() {
        stopped = true;
    }

    // The restart runs beside the agent: a service that takes a minute to come back on a loaded
    // machine must not hold back the broker kill or the outage due meanwhile (a run of 100
    // documents once ended inside one restart, its broker kill never made). The next service kill
    // still waits until the victim is back.
    private void killAndRestart(ChildProcess victim) throws InterruptedException {
        victim.kill();
        victim.process().waitFor(30, TimeUnit.SECONDS);
        kills.merge(victim.name(), 1, Integer::sum);
        long started = System.nanoTime();
        restarting = true;
        Thread restart = new Thread(
                () -> {
                    try {
                        suite.restart(victim);
                        double seconds = (System.nanoTime() - started) / 1e9;
                        longestRestartSeconds = Math.max(longestRestartSeconds, seconds);
                        out.printf("killed %s, back after %.1f s%n", victim.label(), seconds);
                    } catch (IOException | RuntimeException e) {
                        if (!stopped) {
                            out.println("chaos: " + victim.label() + " did not come back: "
                                    + StandaloneApplication.innermostMessage(e));
                        }
                    } finally {
                        nextKill = System.nanoTime() + options.killEvery().toNanos();
                        restarting = false;
                    }
                },
                "chaos-restart");
        restart.setDaemon(true);
        restart.start();
    }

    private void killBroker() throws IOException, InterruptedException {
        List<ChildProcess> nodes = suite.nodes();
        ChildProcess victim = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
        victim.kill();
        victim.process().waitFor(30, TimeUnit.SECONDS);
        brokerKills++;
        long started = System.nanoTime();
        suite.restart(victim);
        out.printf("killed Kafka node %s, back after %.1f s%n", victim.label(), (System.nanoTime() - started) / 1e9);
    }

    Map<String, Integer> kills() {
        return Map.copyOf(kills);
    }

    int brokerKills() {
        return brokerKills;
    }

    boolean outageApplied() {
        return outageApplied;
    }

    double longestRestartSeconds() {
        return longestRestartSeconds;
    }
}
