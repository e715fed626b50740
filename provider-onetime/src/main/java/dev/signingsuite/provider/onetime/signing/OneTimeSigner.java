package dev.signingsuite.provider.onetime.signing;

import dev.signingsuite.est.EnrolmentRefused;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.provider.onetime.enrolment.Person;
import dev.signingsuite.provider.onetime.hsm.HsmUnavailable;
import dev.signingsuite.provider.onetime.login.LoginUnavailable;
import dev.signingsuite.provider.onetime.login.PersonLogins;
import dev.signingsuite.provider.onetime.timing.TimestampAvailability;
import dev.signingsuite.provider.onetime.timing.TimestampUnavailable;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.RemoteSigner;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.Signer;
import dev.signingsuite.provider.runtime.SignerWaits;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One-time signing behind the provider runtime's port: a document's signer is resolved to its
 * person's signing for the batch (a new key and certificate when none is open), and each group is
 * signed with that key only while the certificate still lasts.
 */
public final class OneTimeSigner implements RemoteSigner {

    private final OneTimeSignings signings;
    private final Logins logins;
    private final TimestampAvailability timestamps;
    private final String unavailable;
    private final int maxBatchSize;
    private final Clock clock;

    /** Who the person named in a document's signer is: a login, or (tests of the other parts) the name itself. */
    @FunctionalInterface
    interface Logins {
        PersonLogins.Identity identify(Person named, String batchId);
    }

    private OneTimeSigner(
            OneTimeSignings signings,
            Logins logins,
            TimestampAvailability timestamps,
            String unavailable,
            int maxBatchSize,
            Clock clock) {
        this.signings = signings;
        this.logins = logins;
        this.timestamps = timestamps;
        this.unavailable = unavailable;
        this.maxBatchSize = maxBatchSize;
        this.clock = clock;
    }

    /**
     * @param logins the person logs in (OpenID Connect) before a signing opens: until then the
     *     documents wait and no key is generated; the certificate is issued to the person the ID token
     *     names, who must be the person the signer names
     * @param timestamps asked before a signing opens and before each group is signed: while no TSA
     *     answers, documents wait (the poll is parked) and no key is generated (ADR 20)
     */
    public static OneTimeSigner of(
            OneTimeSignings signings,
            PersonLogins logins,
            TimestampAvailability timestamps,
            int maxBatchSize,
            Clock clock) {
        return new OneTimeSigner(signings, logins::identify, timestamps, null, maxBatchSize, clock);
    }

    /**
     * For tests of the other parts (key, certificate, timing): the person the signer names counts as
     * logged in. Package-private: the service always has its {@link PersonLogins}.
     */
    static OneTimeSigner withoutLogin(
            OneTimeSignings signings, TimestampAvailability timestamps, int maxBatchSize, Clock clock) {
        return new OneTimeSigner(
                signings,
                (named, batch) -> new PersonLogins.Identity.Authenticated(named),
                timestamps,
                null,
                maxBatchSize,
                clock);
    }

    static OneTimeSigner withoutLogin(OneTimeSignings signings, int maxBatchSize, Clock clock) {
        return withoutLogin(signings, TimestampAvailability.ALWAYS, maxBatchSize, clock);
    }

    /** Without a token: every document fails {@code STAGE_UNAVAILABLE} with {@code why}. */
    public static OneTimeSigner unavailable(String why, Clock clock) {
        return new OneTimeSigner(null, null, TimestampAvailability.ALWAYS, why, 1, clock);
    }

    @Override
    public String name() {
        return "onetime";
    }

    @Override
    public Resolution resolve(HashComputed document) {
        if (unavailable != null) {
            return new Resolution.Refused(
                    FailureReason.STAGE_UNAVAILABLE, "provider-onetime has no HSM: " + unavailable);
        }
        Person named = Person.parse(document.signer().identity()).orElse(null);
        if (named == null) {
            return new Resolution.Refused(
                    FailureReason.ACCOUNT_NOT_FOUND,
                    "a one-time signer is named as IDENTIFIER/NAME, e.g. PNOLV-010101-10006/ONE TIME");
        }
        PersonLogins.Identity identity;
        try {
            identity = logins.identify(named, document.batchId());
        } catch (LoginUnavailable e) {
            throw SignerWaits.unavailable(e.getMessage());
        }
        if (identity instanceof PersonLogins.Identity.Refused refused) {
            return new Resolution.Refused(refused.reason(), refused.message());
        }
        if (identity instanceof PersonLogins.Identity.Waiting waiting) {
            // The login link is the documents' waiting status: the gateway's person page shows it.
            return new Resolution.Waits(
                    "waiting for " + named.masked() + " to log in at the identity provider",
                    new RemoteSession(waiting.state(), null, waiting.loginUrl(), waiting.expiresAt()));
        }
        PersonLogins.Identity.Authenticated authenticated = (PersonLogins.Identity.Authenticated) identity;
        // The certificate's subject is the person the ID token names, not the request's words.
        Person person = authenticated.person();
        requireTimestamps();
        try {
            OneTimeSigning signing = signings.open(person, document.batchId());
            return new Resolution.Sign(new Signer(
                    signing.id(),
                    signing.certificateToken(),
                    signing.issuers(),
                    SignatureAlgorithm.ECDSA_SHA256,
                    maxBatchSize));
        } catch (EnrolmentRefused e) {
            return new Resolution.Refused(
                    FailureReason.CERTIFICATE_INVALID, "the CA refused the one-time certificate: " + e.getMessage());
        }
    }

    /**
     * Signs only while the certificate lasts: a signing whose certificate expired (or will within the
     * margin) is ended, its key destroyed, before any signature is made, and its documents fail with
     * the reason.
     */
    @Override
    public List<Returned> sign(Signer signer, List<PreparedSignature> group) {
        OneTimeSigning signing = signings.byId(signer.id());
        Instant now = clock.instant();
        if (signing == null || !signing.usableAt(now, signings.margin())) {
            if (signing != null) {
                signings.end(signing, "expired");
            }
            String message = "the one-time certificate "
                    + (signing == null
                            ? ""
                            : "valid until "
                                    + signing.certificate().getNotAfter().toInstant() + " ")
                    + "can no longer be used at " + now + ": no signature was made; send the document again";
            return group.stream()
                    .<Returned>map(prepared -> new Returned.Failed(FailureReason.CERTIFICATE_INVALID, message))
                    .toList();
        }
        // The certificate lasts, but its documents' timestamps must come before it ends.
        requireTimestamps();
        List<Returned> values = group.stream()
                .<Returned>map(prepared -> new Returned.Value(signing.key().sign(prepared.digest())))
                .toList();
        signing.signed(
                group.stream().map(prepared -> prepared.document().documentId()).toList());
        return values;
    }

    /**
     * No TSA answers: the documents wait (the runtime parks the poll; past {@code
     * signing.parking.deadline} they fail SIGNER_UNAVAILABLE), nothing is generated or signed.
     */
    private void requireTimestamps() {
        try {
            timestamps.requireAvailable();
        } catch (TimestampUnavailable e) {
            throw SignerWaits.unavailable(e.getMessage());
        }
    }

    /** A token that stopped answering parks the poll instead of failing its documents. */
    @Override
    public boolean isOutage(RuntimeException e) {
        return e instanceof HsmUnavailable;
    }
}
