package dev.signingsuite.sandbox.eparaksts;

import dev.signingsuite.sandbox.pki.TestPki;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The platform's sign identities and the resource endpoints that show them ({@code users/me}, {@code sign_identities}). */
final class IdentityLookup {

    static final String AA = "urn:lvrtc:fpeil:aa";
    static final String PROFILE = "urn:safelayer:eidas:sign:identity:profile";
    static final String USE_SERVER = SignIdentity.USE_SERVER;
    static final String USE_DEVICE = "urn:safelayer:eidas:sign:identity:use:device";

    private final EparakstsSettings settings;
    private final Grants grants;
    private final URI resources;
    private final Map<String, SignIdentity> identities = new LinkedHashMap<>();
    private final Map<String, Integer> lookups = new ConcurrentHashMap<>();
    private volatile int materialiseAfter;

    IdentityLookup(EparakstsSettings settings, TestPki pki, Grants grants, URI resources) {
        this.settings = settings;
        this.grants = grants;
        this.resources = resources;
        for (EparakstsSettings.Seal seal : settings.seals()) {
            add(new SignIdentity(
                    seal.id(),
                    "eparaksts:qsealc:sign",
                    List.of(
                            "qsealc",
                            "qsealcVersion1",
                            seal.cnLabel(),
                            "x509:keyUsage:contentCommitment",
                            "eparaksts",
                            "tknid:" + seal.id().substring(0, 8)),
                    true,
                    pki.entity(seal.entity())));
        }
        // The person's own identities: a client must not take them for seals.
        String person = settings.person().entity();
        add(new SignIdentity(
                "7mmprhva8url12kk1vauj2ikuj",
                "eparaksts:serverid:sign",
                List.of(
                        "serveridVersion1",
                        "x509:keyUsage:contentCommitment",
                        "CN:" + settings.person().givenName() + " "
                                + settings.person().familyName(),
                        "eparaksts",
                        "serverid"),
                true,
                pki.entity(person)));
        add(new SignIdentity(
                "v05nvkmq3lgjh4f6n2naoe7aee",
                "eparaksts:mobileid:auth",
                List.of("mobileidVersion2", "mobileid", "x509:keyUsage:digitalSignature", "eparaksts"),
                false,
                pki.entity(person)));
    }

    private void add(SignIdentity identity) {
        identities.put(identity.id(), identity);
    }

    Map<String, Object> usersMe(String bearer) {
        Grants.Token token = userToken(bearer);
        if (!token.has(AA) && !token.has(PROFILE)) {
            throw PlatformError.insufficientScope("users/me needs " + AA + " or " + PROFILE);
        }
        Map<String, Object> me = new LinkedHashMap<>();
        if (token.has(AA)) {
            EparakstsSettings.TestPerson person = settings.person();
            me.put("sub", person.sub());
            me.put("domain", "citizen");
            me.put("acr", "urn:safelayer:tws:policies:authentication:level:high");
            me.put("amr", List.of("urn:eparaksts:tws:policies:authentication:adaptive:methods:mobileid"));
            me.put("given_name", person.givenName());
            me.put("family_name", person.familyName());
            me.put("name", person.givenName() + " " + person.familyName());
            me.put("serial_number", person.serialNumber());
        }
        if (token.has(PROFILE)) {
            me.put(
                    "sign_identities",
                    identities.values().stream()
                            .map(identity -> identity.toJson(resources, token.userId(), false))
                            .toList());
        }
        return me;
    }

    Map<String, Object> signIdentity(String bearer, String id) {
        Grants.Token token = userToken(bearer);
        if (!token.has(PROFILE)) {
            throw PlatformError.insufficientScope("sign_identities needs " + PROFILE);
        }
        SignIdentity identity = identities.get(id);
        // Identities can appear a little after the first login (spec section 5.1): not found until then.
        if (identity == null || lookups.merge(id, 1, Integer::sum) <= materialiseAfter) {
            throw PlatformError.notFound("NotFoundException: sign identity " + id);
        }
        return Map.of("identity", identity.toJson(resources, token.userId(), true));
    }

    /** The first {@code lookups} look-ups of each identity from now on answer 404; 0 ends it. */
    void materialiseAfter(int lookups) {
        this.lookups.clear();
        this.materialiseAfter = lookups;
    }

    Grants.Token userToken(String bearer) {
        Grants.Token token = grants.token(bearer);
        if (token.userId() == null) {
            throw PlatformError.insufficientScope("A user token is needed");
        }
        return token;
    }

    SignIdentity identity(String id) {
        return identities.get(id);
    }

    boolean serverIdentity(String id) {
        SignIdentity identity = identities.get(id);
        return identity != null && identity.server();
    }
}
