package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.InboundRecord;
import dev.signingsuite.messaging.InvalidEnvelopeException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.messaging.Message;

/**
 * A batching provider's poll read once: the documents it can sign, each with its envelope and its
 * record's position in the poll, and the records it cannot read, for the dead-letter topic.
 */
public final class HashComputedPoll {

    /** A record that is no {@code HashComputed}, or whose headers do not describe it. */
    public record Unreadable(InboundRecord record, int position, Exception cause) {}

    /** The Kafka header of a deliberate re-processing: decimal, absent = 0. */
    public static final String ATTEMPT = "signing-attempt";

    private final int size;
    private final List<HashComputed> documents = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();
    private final Map<HashComputed, InboundEnvelope> envelopes = new IdentityHashMap<>();
    private final Map<HashComputed, InboundRecord> records = new IdentityHashMap<>();
    private final List<Unreadable> unreadable = new ArrayList<>();

    private HashComputedPoll(List<InboundRecord> records) {
        this.size = records.size();
        for (int position = 0; position < records.size(); position++) {
            InboundRecord record = records.get(position);
            try {
                HashComputed document = EventJson.read(record.value(), HashComputed.class);
                InboundEnvelope envelope = record.envelope();
                envelope.requireDescribes(document);
                envelopes.put(document, envelope);
                this.records.put(document, record);
                documents.add(document);
                positions.add(position);
            } catch (EventFormatException | InvalidEnvelopeException | IllegalArgumentException e) {
                unreadable.add(new Unreadable(record, position, e));
            }
        }
    }

    public static HashComputedPoll read(Message<List<byte[]>> batch) {
        return new HashComputedPoll(InboundRecord.split(batch));
    }

    /** How many records the poll holds, readable or not. */
    public int size() {
        return size;
    }

    /** The readable documents, in poll order. */
    public List<HashComputed> documents() {
        return documents;
    }

    /** The position in the poll of the {@code index}-th readable document. */
    public int position(int index) {
        return positions.get(index);
    }

    /** The envelope of a document of this poll (by identity: two records may hold equal events). */
    public InboundEnvelope envelope(HashComputed document) {
        return envelopes.get(document);
    }

    /** The document's {@code signing-attempt} header: 0 when absent or not a decimal number. */
    public int attempt(HashComputed document) {
        Object header = records.get(document).headers().get(ATTEMPT);
        String text = header instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : header == null ? null : header.toString();
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** When the record of a document of this poll was written (its Kafka timestamp, epoch millis). */
    public long timestamp(HashComputed document) {
        return records.get(document).timestamp();
    }

    public List<Unreadable> unreadable() {
        return unreadable;
    }
}
