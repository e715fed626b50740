package dev.signingsuite.provider.onetime.signing;

import dev.signingsuite.provider.onetime.enrolment.Person;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of each one-time signing: who, which key (its public key hash), which certificate, which
 * documents, and when the key was destroyed. Never a PIN or a token.
 */
public interface SigningAudit {

    /**
     * @param person who authenticated: the identifier and name of the verified ID token (ADR 24)
     * @param publicKeyHash SHA-256 of the key's SubjectPublicKeyInfo, hex
     * @param certificateSerial the one-time certificate's serial number
     * @param documentIds the documents signed with the key
     * @param keyCreatedAt when the key was generated
     * @param keyDestroyedAt when it was destroyed
     * @param ending why the signing ended: {@code expired}, {@code stopped}
     */
    record Entry(
            Person person,
            String publicKeyHash,
            BigInteger certificateSerial,
            List<String> documentIds,
            Instant keyCreatedAt,
            Instant keyDestroyedAt,
            String ending) {

        public Entry {
            documentIds = List.copyOf(documentIds);
        }
    }

    void record(Entry entry);

    /** To the log {@code audit.onetime}, with the personal code cut short (the house rule for logs). */
    SigningAudit LOG = new SigningAudit() {
        private final Logger log = LoggerFactory.getLogger("audit.onetime");

        @Override
        public void record(Entry entry) {
            log.info(
                    "One-time signing of {} ({}, logged in at the identity provider): key sha256:{},"
                            + " certificate serial {}, documents {}, key created {}, destroyed {} ({})",
                    entry.person().masked(),
                    entry.person().name(),
                    entry.publicKeyHash(),
                    entry.certificateSerial().toString(16),
                    entry.documentIds(),
                    entry.keyCreatedAt(),
                    entry.keyDestroyedAt(),
                    entry.ending());
        }
    };
}
