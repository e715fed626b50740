package dev.signingsuite.gateway.devices;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The person's authentication at registration: an OpenID Connect ID token of the configured identity
 * provider (the ID building block), verified with Nimbus JOSE+JWT against its JWKS: signature,
 * {@code iss}, {@code aud}, {@code exp}, and the identifier claim.
 */
final class PersonTokens {

    /** Never {@code none}, never a MAC. */
    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    private static final Pattern IDENTIFIER = Pattern.compile("PNO([A-Z]{2})-[0-9A-Za-z-]{1,60}");

    /** The authenticated person: what the CA certifies and the device is bound to. */
    record Person(String identifier, String name) {

        /** The subject ETSI EN 319 412-2 4.2.4 asks of a natural person: country, serialNumber, name. */
        X500Name subject() {
            return new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, identifier.substring(3, 5))
                    .addRDN(BCStyle.SERIALNUMBER, identifier)
                    .addRDN(BCStyle.CN, name)
                    .build();
        }
    }

    private final DeviceProperties.Person properties;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    PersonTokens(DeviceProperties.Person properties, Clock clock) {
        this.properties = properties;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(properties.jwksUri().toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("signing.gateway.devices.person.jwks-uri is not a URL", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        properties.audience(),
                        new JWTClaimsSet.Builder()
                                .issuer(properties.issuer().toString())
                                .build(),
                        Set.of("sub", "iat", "exp", properties.identifierClaim())) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                });
    }

    /** @throws dev.signingsuite.gateway.api.ApiProblem (401) when the token does not verify or names no usable identifier */
    Person verify(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            throw DeviceProblems.unauthenticatedPerson("idToken is required: the person's ID token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw DeviceProblems.unauthenticatedPerson("the ID token does not verify: " + e.getMessage());
        }
        try {
            String identifier = claims.getStringClaim(properties.identifierClaim());
            // OpenID Connect's standard name claim: what the certificate's common name becomes.
            String name = claims.getStringClaim("name");
            if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
                throw DeviceProblems.unauthenticatedPerson("the ID token's " + properties.identifierClaim()
                        + " is no identifier such as PNOLV-010101-10006");
            }
            if (name == null || name.isBlank()) {
                throw DeviceProblems.unauthenticatedPerson("the ID token has no name claim");
            }
            return new Person(identifier, name);
        } catch (ParseException e) {
            throw DeviceProblems.unauthenticatedPerson("the ID token's claims are not strings");
        }
    }
}
