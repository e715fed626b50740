package dev.signingsuite.standalone.bench;

import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a lane's documents spent their time, hop by hop, read from the timestamps the producers gave
 * each record (intake, or the gateway's acceptance of an upload; {@code DocumentReceived}, {@code HashComputed}, {@code SignatureRequested}, {@code SignatureReturned},
 * {@code SignatureAugmented}, {@code ContainerAssembled}). A hop is the wait for the next stage plus
 * its work; the signer's hop (request to signature) holds the person's own time. Read after the run, from the broker, so
 * that measuring adds nothing to the services.
 *
 * @param hops each hop's name and its p50, p99 and maximum in milliseconds, in pipeline order
 * @param beyondProvider per document, everything but the signer's hop: what the suite adds to the
 *     person's wait
 * @param slowest the slowest documents from intake to outcome: when each was submitted (ms after the
 *     first), then its hops
 */
public record LaneHops(Map<String, long[]> hops, long[] beyondProvider, int documents, List<long[]> slowest) {

    private static final int SLOWEST = 5;

    // From the request to the remote signer to the signature back: the person's own time, and the
    // provider's wait for the answer and its checks of it.
    private static final String PROVIDER_HOP = "signer";

    /** Reads the documents of {@code lane} that the gateway received since {@code since}. */
    public static LaneHops measure(
            String bootstrapServers, Topics topics, Lane lane, Provider provider, Instant since) {
        try (KafkaConsumer<String, Object> consumer = KafkaSealClients.committedEvents(bootstrapServers)) {
            Map<String, Long> received = new HashMap<>();
            Map<String, String> referenceOf = new HashMap<>();
            // A document uploaded over REST has no intake record: its gateway hop starts when the
            // gateway accepted the upload.
            Map<String, Long> submitted = new HashMap<>();
            for (ConsumerRecord<String, Object> record :
                    readSince(consumer, topics.documentReceived(lane).name(), since)) {
                if (record.value() instanceof DocumentReceived event) {
                    received.putIfAbsent(event.documentId(), record.timestamp());
                    submitted.putIfAbsent(event.documentId(), event.receivedAt().toEpochMilli());
                    referenceOf.put(event.clientReference(), event.documentId());
                }
            }
            // Either lane's intake: a back office may put a person's document on the bulk one too.
            for (Lane intake : Lane.values()) {
                for (ConsumerRecord<String, Object> record :
                        readSince(consumer, topics.intake(intake).name(), since)) {
                    String documentId = referenceOf.get(record.key());
                    if (documentId != null) {
                        submitted.put(documentId, record.timestamp());
                    }
                }
            }
            Map<String, Map<String, Long>> stamps = new LinkedHashMap<>();
            stamps.put("intake", submitted);
            stamps.put("received", received);
            stamps.put(
                    "hashed",
                    firstStamps(consumer, topics.hashComputed(provider).name(), since));
            stamps.put(
                    "requested",
                    firstStamps(consumer, topics.signatureRequested().name(), since));
            stamps.put(
                    "signed",
                    firstStamps(consumer, topics.signatureReturned(lane).name(), since));
            stamps.put(
                    "augmented",
                    firstStamps(consumer, topics.signatureAugmented(lane).name(), since));
            stamps.put(
                    "assembled",
                    firstStamps(consumer, topics.containerAssembled().name(), since));
            return of(received.keySet().stream().toList(), stamps);
        }
    }

    /** The hops between consecutive stamps, for the documents that have all of them. */
    static LaneHops of(List<String> documents, Map<String, Map<String, Long>> stamps) {
        List<String> names = List.of("gateway", "hash", "provider", PROVIDER_HOP, "augmentation", "container");
        List<Map<String, Long>> points = new ArrayList<>(stamps.values());
        Map<String, List<Long>> perHop = new LinkedHashMap<>();
        names.forEach(name -> perHop.put(name, new ArrayList<>()));
        List<Long> beyond = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        for (String document : documents) {
            List<Long> times = points.stream().map(p -> p.get(document)).toList();
            if (times.contains(null)) {
                continue;
            }
            long[] row = new long[names.size() + 1];
            row[0] = times.get(0);
            long outside = 0;
            for (int i = 0; i < names.size(); i++) {
                long hop = Math.max(0, times.get(i + 1) - times.get(i));
                perHop.get(names.get(i)).add(hop);
                row[i + 1] = hop;
                if (!names.get(i).equals(PROVIDER_HOP)) {
                    outside += hop;
                }
            }
            beyond.add(outside);
            rows.add(row);
        }
        Map<String, long[]> hops = new LinkedHashMap<>();
        perHop.forEach((name, values) -> hops.put(name, summary(values)));
        long first = rows.stream().mapToLong(row -> row[0]).min().orElse(0);
        List<long[]> slowest = rows.stream()
                .sorted(Comparator.comparingLong(
                                (long[] row) -> LongStream.of(row).skip(1).sum())
                        .reversed())
                .limit(SLOWEST)
                .map(row -> {
                    long[] shifted = row.clone();
                    shifted[0] -= first;
                    return shifted;
                })
                .toList();
        return new LaneHops(hops, summary(beyond), rows.size(), slowest);
    }

    /** Each hop and the suite's share as {@code {"p50": …, "p99": …, "max": …}}, and the documents counted. */
    public String json() {
        StringBuilder json = new StringBuilder("{");
        hops.forEach((name, s) -> json.append(hopJson(name, s)).append(", "));
        json.append(hopJson("suite", beyondProvider));
        return json.append(String.format(Locale.ROOT, ", \"documents\": %d}", documents))
                .toString();
    }

    private static String hopJson(String name, long[] s) {
        return String.format(Locale.ROOT, "\"%s\": {\"p50\": %d, \"p99\": %d, \"max\": %d}", name, s[0], s[1], s[2]);
    }

    public String lines() {
        StringBuilder text = new StringBuilder();
        hops.forEach((name, s) -> text.append(
                String.format(Locale.ROOT, "    %-13s p50 %6d  p99 %6d  max %6d ms%n", name, s[0], s[1], s[2])));
        text.append(String.format(
                Locale.ROOT,
                "    %-13s p50 %6d  p99 %6d  max %6d ms (all but the signer's hop, %d documents)%n",
                "suite",
                beyondProvider[0],
                beyondProvider[1],
                beyondProvider[2],
                documents));
        for (long[] row : slowest) {
            text.append(String.format(
                    Locale.ROOT,
                    "    slow: submitted at +%d ms, then %s ms%n",
                    row[0],
                    LongStream.of(row).skip(1).mapToObj(Long::toString).collect(Collectors.joining(" / "))));
        }
        return text.toString();
    }

    private static long[] summary(List<Long> values) {
        if (values.isEmpty()) {
            return new long[] {0, 0, 0};
        }
        List<Long> sorted = values.stream().sorted().toList();
        return new long[] {
            SealReport.percentile(sorted, 50), SealReport.percentile(sorted, 99), sorted.get(sorted.size() - 1)
        };
    }

    private static Map<String, Long> firstStamps(KafkaConsumer<String, Object> consumer, String topic, Instant since) {
        Map<String, Long> stamps = new HashMap<>();
        readSince(consumer, topic, since).forEach(record -> stamps.putIfAbsent(record.key(), record.timestamp()));
        return stamps;
    }

    /** Every committed record of {@code topic} from {@code since} to its end now. */
    private static List<ConsumerRecord<String, Object>> readSince(
            KafkaConsumer<String, Object> consumer, String topic, Instant since) {
        List<TopicPartition> partitions = KafkaSealClients.partitionsOf(consumer, List.of(topic));
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> since.toEpochMilli())));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        Instant giveUp = Instant.now().plusSeconds(60);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                && Instant.now().isBefore(giveUp)) {
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
