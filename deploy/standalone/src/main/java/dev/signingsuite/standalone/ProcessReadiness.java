package dev.signingsuite.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * When a layout of processes is ready to take work: every Kafka node registered, every service
 * answering HTTP and every consumer group holding one member per instance, so that documents
 * submitted now are spread over all instances from the start. A child that exits meanwhile ends
 * the wait with the tail of its log.
 */
final class ProcessReadiness {

    private static final long POLL_MILLIS = 250;

    private ProcessReadiness() {}

    static void awaitCluster(String bootstrap, int nodes, List<ChildProcess> children, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrap)) {
            while (true) {
                requireAlive(children);
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= nodes) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not reachable yet: a quorum needs a majority of the nodes up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka cluster", e);
                }
                pause(deadline, "the Kafka cluster of " + nodes + " nodes", timeout);
            }
        }
    }

    /** Until {@code child} answers HTTP on its port (any answer: S3 refuses an unsigned request). */
    /**
     * Until something accepts connections on the child's port: a restarted Kafka node. The cluster's
     * metadata may still list a node that was killed a moment ago, so asking the cluster alone does
     * not show that the new process is up.
     */
    static void awaitPort(ChildProcess child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", child.port()), 1000);
                return;
            } catch (IOException e) {
                requireAlive(List.of(child));
                pause(deadline, child.label(), timeout);
            }
        }
    }

    static void awaitListening(ChildProcess child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!child.answersHttp()) {
            requireAlive(List.of(child));
            pause(deadline, child.label(), timeout);
        }
    }

    static void awaitServices(
            String bootstrap, Map<String, Integer> layout, List<ChildProcess> children, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ChildProcess> waiting = new ArrayList<>(children);
        while (!waiting.isEmpty()) {
            requireAlive(children);
            waiting.removeIf(ChildProcess::answersHttp);
            if (!waiting.isEmpty()) {
                pause(deadline, "service " + waiting.get(0).label(), timeout);
            }
        }
        try (Admin admin = admin(bootstrap)) {
            while (true) {
                requireAlive(children);
                String incomplete = incompleteGroup(admin, layout);
                if (incomplete == null) {
                    return;
                }
                pause(deadline, "consumer group " + incomplete, timeout);
            }
        }
    }

    /** The first group (named as its service) with fewer members than instances, or null. */
    private static String incompleteGroup(Admin admin, Map<String, Integer> layout) {
        try {
            Map<String, ConsumerGroupDescription> groups =
                    admin.describeConsumerGroups(layout.keySet()).all().get(10, TimeUnit.SECONDS);
            for (Map.Entry<String, Integer> entry : layout.entrySet()) {
                ConsumerGroupDescription group = groups.get(entry.getKey());
                if (group == null || group.members().size() < entry.getValue()) {
                    return entry.getKey();
                }
            }
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return layout.keySet().iterator().next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the consumer groups", e);
        }
    }

    private static void requireAlive(Collection<ChildProcess> children) {
        for (ChildProcess child : children) {
            if (!child.process().isAlive()) {
                throw new IllegalStateException(child.label() + " exited with status "
                        + child.process().exitValue() + "; its log " + child.log() + " ends:"
                        + System.lineSeparator() + child.tail(15));
            }
        }
    }

    private static void pause(long deadline, String what, Duration timeout) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " not ready within " + timeout.toSeconds() + " s");
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }
}
