package dev.signingsuite.sandbox;

import dev.signingsuite.sandbox.csc.CscSimulator;
import dev.signingsuite.sandbox.eparaksts.EparakstsSimulator;
import dev.signingsuite.sandbox.est.EstServer;
import dev.signingsuite.sandbox.faults.Faults;
import dev.signingsuite.sandbox.faults.Simulator;
import dev.signingsuite.sandbox.http.BinaryEndpoint;
import dev.signingsuite.sandbox.http.DerFileEndpoint;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import dev.signingsuite.sandbox.idp.IdentityProvider;
import dev.signingsuite.sandbox.ocsp.OcspResponder;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.sandbox.scd.RemoteScd;
import dev.signingsuite.sandbox.signing.SigningLog;
import dev.signingsuite.sandbox.smartid.SmartIdAccounts;
import dev.signingsuite.sandbox.smartid.SmartIdSettings;
import dev.signingsuite.sandbox.smartid.SmartIdSimulator;
import dev.signingsuite.sandbox.tsa.TimeStampAuthority;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust services of the outside world on one local HTTP port: an RFC 3161 TSA at {@code /tsa},
 * an OCSP responder at {@code /ocsp}, CA certificates at {@code /certs} and a CSC API v2 remote
 * signing service at {@code /csc/v2}, all backed by a test PKI kept in the data directory.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    /**
     * The registration authority the sandbox's one-time CA accepts over EST (HTTP Basic): the suite's
     * provider-onetime enrols with it. Test credentials, like the simulators' clients'.
     */
    public static final String EST_RA_USER = "suite-ra";

    public static final String EST_RA_SECRET = "sandbox-ra-secret";

    /** How long a registered signing device's certificate is valid (issue 22, §9.2.1). */
    public static final Duration DEVICE_CERTIFICATE_VALIDITY = Duration.ofDays(30);

    private final SandboxHttpServer server;
    private final TestPki pki;
    private final Path trustAnchorPem;
    private final TimeStampAuthority timeStampAuthority;
    private final OcspResponder ocspResponder;
    private final CscSimulator csc;
    private SmartIdSimulator smartId;
    private EparakstsSimulator eparaksts;
    private Faults faults;
    private SigningLog signingLog;
    private EstServer est;
    private EstServer deviceEst;
    private RemoteScd scd;
    private IdentityProvider identityProvider;
    private Path identityProviderDir;

    private Sandbox(
            SandboxHttpServer server,
            TestPki pki,
            Path trustAnchorPem,
            TimeStampAuthority timeStampAuthority,
            OcspResponder ocspResponder,
            CscSimulator csc) {
        this.server = server;
        this.pki = pki;
        this.trustAnchorPem = trustAnchorPem;
        this.timeStampAuthority = timeStampAuthority;
        this.ocspResponder = ocspResponder;
        this.csc = csc;
    }

    public static Sandbox start(SandboxSettings settings) throws IOException {
        return start(settings, Clock.systemUTC());
    }

    /**
     * @param clock the one time of every part: the PKI is issued (or renewed) for it, and the TSA,
     *     the OCSP responder and the simulators answer at it
     */
    public static Sandbox start(SandboxSettings settings, Clock clock) throws IOException {
        // Bound first: with port 0 the base URL, which a new PKI writes into its AIA, is known only now.
        SandboxHttpServer server = SandboxHttpServer.bind(settings.host(), settings.port());
        Faults faults = new Faults();
        EstServer est = null;
        EstServer deviceEst = null;
        try {
            TestPki pki = TestPki.loadOrCreate(
                    settings.dataDir().resolve("pki"),
                    new PkiSettings(server.baseUrl()),
                    SmartIdAccounts.withAccounts(SandboxEntities.ALL),
                    clock);
            Path trustAnchor = pki.exportTrustAnchor(settings.dataDir().resolve("trust-anchor.pem"));
            TimeStampAuthority tsa =
                    new TimeStampAuthority(pki.entity(SandboxEntities.TSA), TimeStampAuthority.DEFAULT_POLICY, clock);
            // One URL for both CAs, each answered by its own authorised responder.
            OcspResponder ocsp = new OcspResponder(
                    pki,
                    List.of(
                            new OcspResponder.Authority(pki.entity(SandboxEntities.OCSP), pki.issuingCa()),
                            new OcspResponder.Authority(
                                    pki.entity(SmartIdAccounts.OCSP), pki.entity(SmartIdAccounts.ISSUING_CA))),
                    OcspResponder.DEFAULT_VALIDITY,
                    clock);
            server.register(
                    "/tsa",
                    new BinaryEndpoint(
                            "application/timestamp-query",
                            "application/timestamp-reply",
                            tsa::respond,
                            false,
                            BinaryEndpoint.DEFAULT_MAX_BODY),
                    faults.filter(Simulator.TSA));
            server.register(
                    "/ocsp",
                    new BinaryEndpoint(
                            "application/ocsp-request",
                            "application/ocsp-response",
                            ocsp::respond,
                            true,
                            BinaryEndpoint.DEFAULT_MAX_BODY),
                    faults.filter(Simulator.OCSP));
            server.register("/certs", DerFileEndpoint.certificates(caCertificates(pki)));
            server.register("/crl", DerFileEndpoint.crls(ca -> pki.crl(ca, clock.instant())));
            SigningLog signingLog = new SigningLog(clock);
            CscSimulator csc = new CscSimulator(server.baseUrl(), pki, settings.csc(), clock, signingLog);
            server.register(CscSimulator.CONTEXT, csc, faults.filter(Simulator.CSC));
            SmartIdSimulator smartId = new SmartIdSimulator(
                    server.baseUrl(), SmartIdAccounts.of(pki), SmartIdSettings.defaults(), clock, signingLog);
            server.register(SmartIdSimulator.CONTEXT, smartId, faults.filter(Simulator.SMARTID));
            server.register(SmartIdSimulator.MOCK_DEVICE_LINK, smartId);
            EparakstsSimulator eparaksts =
                    new EparakstsSimulator(server.baseUrl(), pki, settings.eparaksts(), clock, signingLog);
            server.register(EparakstsSimulator.AUTHSERVER, eparaksts, faults.filter(Simulator.EPARAKSTS));
            server.register(EparakstsSimulator.RESOURCES, eparaksts, faults.filter(Simulator.EPARAKSTS));
            server.register(Faults.CONTROL_PATH, faults.controlEndpoint());
            // The one-time CA (issue 21): 60 s certificates under the issuing CA, published to the OCSP
            // responder, enrolled over EST on a TLS port of its own (any free one).
            est = EstServer.start(
                    new OneTimeCa(pki, new PkiSettings(server.baseUrl()), OneTimeCa.DEFAULT_VALIDITY, clock),
                    0,
                    EST_RA_USER,
                    EST_RA_SECRET);
            // The remote SCD service (issue 22): a person's key in a SoftHSM2 token of its own, its
            // request enrolled by the suite with the device CA (the same CA, 30-day certificates).
            deviceEst = EstServer.start(
                    new OneTimeCa(pki, new PkiSettings(server.baseUrl()), DEVICE_CERTIFICATE_VALIDITY, clock),
                    0,
                    EST_RA_USER,
                    EST_RA_SECRET);
            RemoteScd scd = new RemoteScd(csc, settings.dataDir().resolve("scd"), clock);
            server.register(RemoteScd.CONTEXT, scd);
            server.start();
            Sandbox sandbox = new Sandbox(server, pki, trustAnchor, tsa, ocsp, csc);
            sandbox.est = est;
            sandbox.deviceEst = deviceEst;
            sandbox.scd = scd;
            sandbox.identityProviderDir = settings.dataDir().resolve("idp");
            sandbox.smartId = smartId;
            sandbox.eparaksts = eparaksts;
            sandbox.faults = faults;
            sandbox.signingLog = signingLog;
            log.info(
                    "Sandbox started: TSA {}, OCSP {}, CSC {}, trust anchor {}",
                    sandbox.tsaUrl(),
                    sandbox.ocspUrl(),
                    sandbox.cscBaseUrl(),
                    trustAnchor.toAbsolutePath());
            return sandbox;
        } catch (IOException | RuntimeException e) {
            server.close();
            if (est != null) {
                est.close();
            }
            if (deviceEst != null) {
                deviceEst.close();
            }
            throw e;
        }
    }

    /** The one-time CA's RFC 7030 server, {@code 127.0.0.1:port} (TLS under the sandbox PKI). */
    public String estAuthority() {
        return est.authority();
    }

    /** The device CA's RFC 7030 server: 30-day certificates for registered signing devices. */
    public String deviceEstAuthority() {
        return deviceEst.authority();
    }

    /** The remote SCD service's base URL: {@code <baseUrl>/scd/v1}. */
    public URI scdUrl() {
        return URI.create(server.baseUrl() + RemoteScd.CONTEXT);
    }

    /** The remote SCD service behind {@link #scdUrl()}: onboarding and fault hooks. */
    public RemoteScd scd() {
        return scd;
    }

    /**
     * The OpenID Connect identity provider's issuer (Spring Authorization Server on a loopback port of
     * its own). Started on first use: a Spring context and a Tomcat that only one-time signing needs.
     */
    public synchronized URI identityProviderIssuer() {
        if (identityProvider == null) {
            try {
                identityProvider = IdentityProvider.start(identityProviderDir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return identityProvider.issuer();
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    public URI tsaUrl() {
        return URI.create(server.baseUrl() + "/tsa");
    }

    public URI ocspUrl() {
        return URI.create(server.baseUrl() + "/ocsp");
    }

    /** The CSC API v2 base URL: {@code <baseUrl>/csc/v2}; methods are POSTed to {@code <cscBaseUrl>/<method>}. */
    public URI cscBaseUrl() {
        return URI.create(server.baseUrl() + CscSimulator.CONTEXT);
    }

    public Path trustAnchorPem() {
        return trustAnchorPem;
    }

    public TestPki pki() {
        return pki;
    }

    /** The TSA behind {@link #tsaUrl()}. */
    public TimeStampAuthority timeStampAuthority() {
        return timeStampAuthority;
    }

    /** The responder behind {@link #ocspUrl()}; its request count shows whether clients cache. */
    public OcspResponder ocspResponder() {
        return ocspResponder;
    }

    /** The CSC simulator behind {@link #cscBaseUrl()}; its counters show how clients batch. */
    public CscSimulator csc() {
        return csc;
    }

    /** The Smart-ID RP API v3 base URL, ending in {@code /v3/} like the real service's. */
    public URI smartIdBaseUrl() {
        return URI.create(server.baseUrl() + SmartIdSimulator.CONTEXT + "/");
    }

    /** The simulated phone: POST a device link here to scan or tap it (the demo's Mock Service contract). */
    public URI smartIdMockPhoneUrl() {
        return URI.create(server.baseUrl() + SmartIdSimulator.MOCK_DEVICE_LINK);
    }

    /** The Smart-ID simulator behind {@link #smartIdBaseUrl()}: accounts, delays and fault hooks. */
    public SmartIdSimulator smartId() {
        return smartId;
    }

    /** The eParaksts (TrustedX) base URL: the platform's paths start under it. */
    public URI eparakstsBaseUrl() {
        return server.baseUrl();
    }

    /** The eParaksts simulator; its counters show how clients batch. */
    public EparakstsSimulator eparaksts() {
        return eparaksts;
    }

    /**
     * Fault injection for every simulator (TSA, OCSP, CSC, eParaksts, Smart-ID), off until set;
     * also at run time over HTTP at {@code /_sandbox/faults}.
     */
    public Faults faults() {
        return faults;
    }

    /** Every digest the CSC, eParaksts and Smart-ID simulators signed: a digest listed twice was signed twice. */
    public SigningLog signingLog() {
        return signingLog;
    }

    @Override
    public synchronized void close() {
        server.close();
        if (est != null) {
            est.close();
        }
        if (deviceEst != null) {
            deviceEst.close();
        }
        if (identityProvider != null) {
            identityProvider.close();
            identityProvider = null;
        }
        if (smartId != null) {
            smartId.close();
        }
    }

    // The CAs that certificates name in their caIssuers URLs.
    private static Map<String, byte[]> caCertificates(TestPki pki) {
        Map<String, byte[]> certificates = new HashMap<>();
        for (PkiEntity ca : new PkiEntity[] {
            pki.root(), pki.issuingCa(), pki.entity(SmartIdAccounts.ROOT_CA), pki.entity(SmartIdAccounts.ISSUING_CA)
        }) {
            try {
                certificates.put(ca.name() + ".cer", ca.certificate().getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + ca, e);
            }
        }
        return certificates;
    }
}
