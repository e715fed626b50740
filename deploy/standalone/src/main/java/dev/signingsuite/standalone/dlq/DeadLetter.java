package dev.signingsuite.standalone.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A dead-lettered record as the binder (and the providers' own per-record dead-lettering) writes
 * it: the original key and value, the original headers, and {@code x-original-*} /
 * {@code x-exception-*} headers, the numbers among them big-endian binary.
 */
public record DeadLetter(RecordRef ref, byte[] key, byte[] value, List<Header> headers, Instant timestamp) {

    static final String ORIGINAL_PREFIX = "x-original-";
    static final String EXCEPTION_PREFIX = "x-exception-";
    private static final String SPRING_DLT_PREFIX = "kafka_dlt-";
    private static final String SUBJECT = "ce_subject";

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(
                new RecordRef(record.topic(), record.partition(), record.offset()),
                record.key(),
                record.value(),
                List.of(record.headers().toArray()),
                Instant.ofEpochMilli(record.timestamp()));
    }

    public Optional<String> header(String name) {
        return lastHeader(name).map(DeadLetter::text);
    }

    private Optional<byte[]> lastHeader(String name) {
        byte[] value = null;
        for (Header header : headers) {
            if (header.key().equals(name)) {
                value = header.value();
            }
        }
        return Optional.ofNullable(value);
    }

    /** The stages key every record by its document id; the CloudEvents subject names it too. */
    public String documentId() {
        return header(SUBJECT).orElseGet(() -> key == null ? "-" : text(key));
    }

    public Optional<String> originalTopic() {
        return header(ORIGINAL_PREFIX + "topic");
    }

    public Optional<RecordRef> original() {
        Optional<byte[]> partition = lastHeader(ORIGINAL_PREFIX + "partition");
        Optional<byte[]> offset = lastHeader(ORIGINAL_PREFIX + "offset");
        if (originalTopic().isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordRef(originalTopic().get(), (int) number(partition.get()), number(offset.get())));
    }

    public String cause() {
        return header(EXCEPTION_PREFIX + "fqcn").orElse("(no x-exception-fqcn)") + ": "
                + header(EXCEPTION_PREFIX + "message").orElse("(no x-exception-message)");
    }

    /** Headers a replay carries on: the original ones, none of what dead-lettering added. */
    static boolean carriedOnReplay(String name) {
        return !name.startsWith(ORIGINAL_PREFIX)
                && !name.startsWith(EXCEPTION_PREFIX)
                && !name.startsWith(SPRING_DLT_PREFIX)
                && !name.equals(DeadLetters.REPLAYED_FROM);
    }

    /** A header as a person reads it: binary numbers decoded, text as text, anything else base64. */
    public static String display(Header header) {
        String name = header.key();
        byte[] value = header.value();
        if (value == null) {
            return "(null)";
        }
        boolean binaryNumber = name.startsWith(ORIGINAL_PREFIX)
                && (value.length == Integer.BYTES || value.length == Long.BYTES)
                && !name.equals(ORIGINAL_PREFIX + "topic");
        if (binaryNumber) {
            long number = number(value);
            return name.endsWith("timestamp")
                    ? number + " (" + Instant.ofEpochMilli(number) + ")"
                    : Long.toString(number);
        }
        return text(value);
    }

    static long number(byte[] value) {
        return value.length == Integer.BYTES
                ? ByteBuffer.wrap(value).getInt()
                : value.length == Long.BYTES ? ByteBuffer.wrap(value).getLong() : Long.parseLong(text(value));
    }

    public static String text(byte[] value) {
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }
}
