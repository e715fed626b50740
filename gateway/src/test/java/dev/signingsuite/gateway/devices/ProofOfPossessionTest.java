package dev.signingsuite.gateway.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.gateway.api.ApiProblem;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The gateway's check of a device's request before it vouches for the person at the CA. */
class ProofOfPossessionTest {

    private static final PersonTokens.Person PERSON = new PersonTokens.Person("PNOLV-010101-10006", "ONE TIME");

    @Test
    void aRequestSignedByTheKeyItNamesForThePersonPasses() throws Exception {
        KeyPair key = p256();
        byte[] request = request(PERSON.subject(), key.getPublic(), key.getPrivate());

        assertThat(ProofOfPossession.check(request, PERSON.subject()).getSubject())
                .isEqualTo(PERSON.subject());
        assertThat(PERSON.subject().toString()).isEqualTo("C=LV,SERIALNUMBER=PNOLV-010101-10006,CN=ONE TIME");
    }

    @Test
    void aTamperedSignatureOrAnotherKeysSignatureFailsWith422() throws Exception {
        KeyPair key = p256();
        byte[] tampered = request(PERSON.subject(), key.getPublic(), key.getPrivate());
        tampered[tampered.length - 1] ^= 0x01;
        byte[] otherKey = request(PERSON.subject(), key.getPublic(), p256().getPrivate());

        for (byte[] request : new byte[][] {tampered, otherKey}) {
            assertThatThrownBy(() -> ProofOfPossession.check(request, PERSON.subject()))
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                        assertThat(problem.getBody().getDetail()).contains("proof of possession");
                    });
        }
    }

    @Test
    void anotherPersonsSubjectOrGarbageIsRefused() throws Exception {
        KeyPair key = p256();
        X500Name other = new PersonTokens.Person("PNOEE-30303039914", "OTHER PERSON").subject();
        byte[] request = request(other, key.getPublic(), key.getPrivate());

        assertThatThrownBy(() -> ProofOfPossession.check(request, PERSON.subject()))
                .isInstanceOfSatisfying(
                        ApiProblem.class,
                        problem -> assertThat(problem.getBody().getDetail()).contains("another subject"));
        assertThatThrownBy(() -> ProofOfPossession.check(new byte[] {1, 2, 3}, PERSON.subject()))
                .isInstanceOfSatisfying(
                        ApiProblem.class,
                        problem -> assertThat(problem.getBody().getDetail()).contains("not a PKCS#10"));
    }

    private static byte[] request(X500Name subject, PublicKey named, PrivateKey signing) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(subject, named)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signing))
                .getEncoded();
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
