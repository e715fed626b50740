package dev.signingsuite.sandbox.eparaksts;

import dev.signingsuite.sandbox.pki.SandboxEntities;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the eParaksts simulator behaves: its one OAuth client, the test person it auto-approves,
 * the person's seals and how long codes and tokens live.
 *
 * @param clientId the LVRTC-issued client id
 * @param clientSecret that client's secret (a public test value)
 * @param redirectUri the registered redirect URI; on a loopback host any port matches (RFC 8252 section 7.3)
 * @param userTokenLifetime {@code expires_in} of tokens of the authorization code grant
 * @param serviceTokenLifetime {@code expires_in} of client credentials (introspect) tokens
 * @param codeLifetime how long an authorization code may wait for its exchange
 * @param person the natural person every authorization is approved for
 * @param seals the person's eZīmogs+ cloud seals: sandbox PKI entity and organisation name
 * @param maxBatch the most requests one {@code raw/batch} call may carry
 */
public record EparakstsSettings(
        String clientId,
        String clientSecret,
        URI redirectUri,
        Duration userTokenLifetime,
        Duration serviceTokenLifetime,
        Duration codeLifetime,
        TestPerson person,
        List<Seal> seals,
        int maxBatch) {

    public static final String DEFAULT_CLIENT_ID = "sandbox-eparaksts";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-eparaksts-secret";
    public static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1/eparaksts/callback");

    /** The person: names as {@code users/me} shows them, {@code serial_number} as {@code PNOLV-…}. */
    public record TestPerson(String sub, String givenName, String familyName, String serialNumber, String entity) {
        public TestPerson {
            Objects.requireNonNull(sub, "sub");
            Objects.requireNonNull(givenName, "givenName");
            Objects.requireNonNull(familyName, "familyName");
            Objects.requireNonNull(serialNumber, "serialNumber");
            Objects.requireNonNull(entity, "entity");
        }
    }

    /** One seal identity; its labels include {@code CN:<organisation> : eZīmogs}. */
    public record Seal(String id, String entity, String organisation) {
        public Seal {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(organisation, "organisation");
        }

        public String cnLabel() {
            return "CN:" + organisation + " : eZīmogs";
        }
    }

    public EparakstsSettings {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientId and clientSecret must not be blank");
        }
        Objects.requireNonNull(redirectUri, "redirectUri");
        requirePositive(userTokenLifetime, "userTokenLifetime");
        requirePositive(serviceTokenLifetime, "serviceTokenLifetime");
        requirePositive(codeLifetime, "codeLifetime");
        Objects.requireNonNull(person, "person");
        seals = List.copyOf(seals);
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        }
    }

    public static EparakstsSettings defaults() {
        return new EparakstsSettings(
                DEFAULT_CLIENT_ID,
                DEFAULT_CLIENT_SECRET,
                DEFAULT_REDIRECT_URI,
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofMinutes(1),
                new TestPerson(
                        "5a1d0c3e9b7f4a2c8e6d1f0b3a5c7e9d",
                        "OK",
                        "TESTNUMBER",
                        "PNOLV-030303-10004",
                        SandboxEntities.PERSON_LV),
                List.of(
                        new Seal("sqnd2nvpkr0siar572hi8a9t1h", SandboxEntities.SEAL, "Sandbox Invoicing SIA"),
                        new Seal(
                                "fmc8755q6fgqg341jlo7pkucm5", SandboxEntities.SEAL_LOGISTICS, "Sandbox Logistics SIA")),
                1000);
    }

    public EparakstsSettings withUserTokenLifetime(Duration lifetime) {
        return new EparakstsSettings(
                clientId,
                clientSecret,
                redirectUri,
                lifetime,
                serviceTokenLifetime,
                codeLifetime,
                person,
                seals,
                maxBatch);
    }

    public EparakstsSettings withMaxBatch(int max) {
        return new EparakstsSettings(
                clientId,
                clientSecret,
                redirectUri,
                userTokenLifetime,
                serviceTokenLifetime,
                codeLifetime,
                person,
                seals,
                max);
    }

    @Override
    public String toString() {
        return "EparakstsSettings[clientId=" + clientId + ", redirectUri=" + redirectUri + ", userTokenLifetime="
                + userTokenLifetime + ", seals=" + seals + ", maxBatch=" + maxBatch + "]";
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
