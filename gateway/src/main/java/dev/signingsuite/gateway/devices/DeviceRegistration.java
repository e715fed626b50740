package dev.signingsuite.gateway.devices;

import dev.signingsuite.est.CertificateAuthority;
import dev.signingsuite.est.EnrolmentRefused;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GovStack eSignature §9.2.1: the authenticated person's remote signature creation device makes a
 * key and its request, the gateway checks the request and enrols it with the CA over EST as the
 * registration authority vouching for the person, hands the certificate to the device, and binds
 * device, certificate and person to the tenant.
 */
final class DeviceRegistration {

    private static final Logger log = LoggerFactory.getLogger(DeviceRegistration.class);

    private final PersonTokens persons;
    private final RemoteScdClient scd;
    private final CertificateAuthority ca;
    private final DeviceStore store;
    private final Clock clock;

    DeviceRegistration(
            PersonTokens persons, RemoteScdClient scd, CertificateAuthority ca, DeviceStore store, Clock clock) {
        this.persons = persons;
        this.scd = scd;
        this.ca = ca;
        this.store = store;
        this.clock = clock;
    }

    /** @throws dev.signingsuite.gateway.api.ApiProblem when the person, the device's request, the CA or the device refuses */
    RegisteredDevice register(String tenantId, String idToken) {
        PersonTokens.Person person = persons.verify(idToken);
        X500Name subject = person.subject();
        RemoteScdClient.NewDevice device = scd.create(person);
        ProofOfPossession.check(device.certificationRequest(), subject);
        List<X509Certificate> chain;
        try {
            chain = ca.enrol(device.certificationRequest(), subject);
        } catch (EnrolmentRefused e) {
            throw DeviceProblems.refused("the CA refused the device's request: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw DeviceProblems.badGateway("the CA's EST server did not answer: " + e.getMessage());
        }
        String signer = scd.certify(device.deviceId(), chain);
        RegisteredDevice registered =
                new RegisteredDevice(device.deviceId(), tenantId, person.identifier(), signer, chain, clock.instant());
        store.insert(registered);
        log.info("tenant {} registered signing device {} as signer {}", tenantId, registered.id(), signer);
        return registered;
    }
}
