package dev.signingsuite.standalone.chaos;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.kafka.EventSerializer;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Intake records a careless or hostile back office could send, one of each {@link Kind} in turn.
 * Each is keyed by its own client reference, so its answer (a dead letter, a {@code DocumentFailed},
 * an {@code IntakeRejected}) can be found again.
 */
public final class MalformedIntake {

    public enum Kind {
        NOT_JSON,
        WRONG_TYPES,
        MISSING_FIELDS,
        UNKNOWN_TENANT,
        UNKNOWN_SIGNER,
        OVERSIZED,
        /** No content, only a reference to a stored object that does not exist. */
        MISSING_BLOB
    }

    static final String UNKNOWN_TENANT = "chaos-no-such-tenant";

    /**
     * @param documentId the id the gateway would give it, for a {@code DocumentFailed}
     */
    public record Malformed(
            Kind kind, String clientReference, String documentId, ProducerRecord<byte[], byte[]> record) {}

    private final String topic;
    private final String tenant;
    private final SignerRef signer;
    private final SignatureLevel level;
    private final int oversizedBytes;

    /** @param oversizedBytes a content size over the gateway's limit */
    public MalformedIntake(String topic, String tenant, SignerRef signer, SignatureLevel level, int oversizedBytes) {
        this.topic = topic;
        this.tenant = tenant;
        this.signer = signer;
        this.level = level;
        this.oversizedBytes = oversizedBytes;
    }

    public Malformed next(String run, int index) {
        Kind kind = Kind.values()[index % Kind.values().length];
        String reference = run + "-bad-" + index + "-" + kind.name().toLowerCase(java.util.Locale.ROOT);
        String recordTenant = kind == Kind.UNKNOWN_TENANT ? UNKNOWN_TENANT : tenant;
        RecordHeaders headers = new RecordHeaders();
        byte[] value = switch (kind) {
            case NOT_JSON -> raw(headers, "this is not JSON {" + reference);
            case WRONG_TYPES -> raw(headers, """
                                {"schemaVersion":"one","tenantId":42,"clientReference":["%s"],"fileName":true,\
                                "mediaType":7,"content":{"bytes":1},"signer":"me","level":"HIGH"}""".formatted(reference));
            case MISSING_FIELDS -> raw(headers, """
                                {"schemaVersion":1,"tenantId":"%s","clientReference":"%s"}""".formatted(tenant, reference));
            case MISSING_BLOB ->
                raw(headers, """
                                {"schemaVersion":1,"tenantId":"%s","clientReference":"%s","fileName":"missing.pdf",\
                                "mediaType":"application/pdf","contentRef":"s3://signing-blobs/chaos/no-such-object",\
                                "signer":{"provider":"%s","identity":"%s"}}""".formatted(tenant, reference, signer.provider().id(), signer.identity()));
            case UNKNOWN_TENANT -> valid(headers, recordTenant, reference, signer, 1_000);
            case UNKNOWN_SIGNER ->
                valid(
                        headers,
                        recordTenant,
                        reference,
                        new SignerRef(signer.provider(), "chaos-no-such-signer"),
                        1_000);
            case OVERSIZED -> valid(headers, recordTenant, reference, signer, oversizedBytes);
        };
        return new Malformed(
                kind,
                reference,
                IntakeAcceptor.documentIdFor(recordTenant, reference),
                new ProducerRecord<>(topic, null, reference.getBytes(UTF_8), value, headers));
    }

    /** Headers as the suite's serializer writes them: what fails is the body. */
    private static byte[] raw(RecordHeaders headers, String body) {
        headers.add(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE.getBytes(UTF_8));
        headers.add(
                CloudEventHeaders.TYPE,
                EventTypes.typeOf(DocumentSubmitted.class).getBytes(UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/signing-suite/chaos".getBytes(UTF_8));
        headers.add(CloudEventHeaders.ID, java.util.UUID.randomUUID().toString().getBytes(UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE.getBytes(UTF_8));
        return body.getBytes(UTF_8);
    }

    private byte[] valid(RecordHeaders headers, String recordTenant, String reference, SignerRef who, int bytes) {
        byte[] content = new byte[bytes];
        Arrays.fill(content, (byte) 'x');
        DocumentSubmitted submitted = new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                recordTenant,
                reference,
                null,
                reference + ".txt",
                "text/plain",
                content,
                who,
                SignatureFormat.ASIC_E_CADES,
                level);
        try (EventSerializer serializer = new EventSerializer()) {
            return serializer.serialize(topic, headers, submitted);
        }
    }
}
