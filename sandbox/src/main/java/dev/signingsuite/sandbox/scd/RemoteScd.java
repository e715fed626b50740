package dev.signingsuite.sandbox.scd;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.signingsuite.sandbox.csc.CscSimulator;
import dev.signingsuite.sandbox.http.ApiExchanges;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote signature creation device service of GovStack eSignature §9.2.1, as the sandbox plays
 * it at {@code /scd/v1}: {@code POST devices} {@code {"personId", "name"}} makes a key in a token of
 * the person's own ({@link DeviceToken}, unlocked by the PIN the person chose at onboarding) and
 * answers the PKCS#10 request the key signed; {@code PUT devices/{id}/certificate} {@code
 * {"certificates": [...]}} stores the certificate the CA issued and offers the key on the CSC face
 * as the SCAL 2 credential {@code device-<id>}, which signs only after its person types the PIN on
 * the authorisation page. {@code GET devices/{id}} describes a device. The caller is the suite's
 * gateway, after it authenticated the person; the sandbox takes it on trust, on loopback.
 */
public final class RemoteScd implements HttpHandler {

    /** The context path under the sandbox's base URL. */
    public static final String CONTEXT = "/scd/v1";

    /** A registered device's credentialID on the CSC face: this prefix and the device id. */
    public static final String CREDENTIAL_PREFIX = "device-";

    private static final Logger log = LoggerFactory.getLogger(RemoteScd.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern IDENTIFIER = Pattern.compile("PNO([A-Z]{2})-[0-9A-Za-z-]{1,60}");
    private static final int MAX_BODY = 64 * 1024;

    private record Device(String personId, DeviceToken token, boolean certified) {}

    private final CscSimulator csc;
    private final Path work;
    private final Clock clock;
    private final Map<String, String> pins = new ConcurrentHashMap<>(ScdPersons.DEFAULT_PINS);
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final AtomicBoolean tamperNext = new AtomicBoolean();

    /** @param work where the devices' library copies go (the tokens live where SOFTHSM2_CONF says) */
    public RemoteScd(CscSimulator csc, Path work, Clock clock) {
        this.csc = csc;
        this.work = work;
        this.clock = clock;
    }

    /** Onboards a person with the PIN that unlocks each of the person's devices (4 to 12 digits). */
    public void onboard(String personId, String pin) {
        if (pin == null || !pin.matches("[0-9]{4,12}")) {
            throw new IllegalArgumentException("a PIN is 4 to 12 digits");
        }
        pins.put(personId, pin);
    }

    /**
     * The next request answered has a broken proof of possession (one byte of its signature
     * changed), as a faulty or forged device would send: the suite must refuse it.
     */
    public void tamperNextRequest() {
        tamperNext.set(true);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath().substring(CONTEXT.length());
            String method = exchange.getRequestMethod();
            byte[] body = ApiExchanges.readBody(exchange, MAX_BODY, () -> new Refusal(413, "the body is too large"));
            String[] parts = path.split("/");
            if (path.equals("/devices") && method.equals("POST")) {
                ApiExchanges.sendJson(exchange, 201, create(JSON.readTree(body)));
            } else if (parts.length == 3 && parts[1].equals("devices") && method.equals("GET")) {
                ApiExchanges.sendJson(exchange, 200, describe(parts[2]));
            } else if (parts.length == 4
                    && parts[1].equals("devices")
                    && parts[3].equals("certificate")
                    && method.equals("PUT")) {
                ApiExchanges.sendJson(exchange, 200, certify(parts[2], JSON.readTree(body)));
            } else {
                ApiExchanges.sendJson(exchange, 404, Map.of("error", "no such SCD operation: " + method + " " + path));
            }
        } catch (Refusal e) {
            ApiExchanges.sendJson(exchange, e.status, Map.of("error", e.getMessage()));
        } catch (JacksonException e) {
            ApiExchanges.sendJson(exchange, 400, Map.of("error", "the body is not JSON"));
        } catch (RuntimeException e) {
            log.warn("SCD request failed", e);
            ApiExchanges.sendJson(exchange, 503, Map.of("error", String.valueOf(e.getMessage())));
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> create(JsonNode request) {
        String personId = text(request, "personId");
        String name = text(request, "name");
        if (!IDENTIFIER.matcher(personId).matches()) {
            throw new Refusal(400, "personId is an ETSI EN 319 412-1 identifier such as PNOLV-010101-10006");
        }
        String pin = pins.get(personId);
        if (pin == null) {
            throw new Refusal(404, "the person " + personId + " has not onboarded with this SCD service");
        }
        String deviceId = UUID.randomUUID().toString();
        DeviceToken token = DeviceToken.create(deviceId, pin, work, clock.instant());
        byte[] csr;
        try {
            csr = token.certificationRequest(subject(personId, name));
        } finally {
            token.lock();
        }
        if (tamperNext.getAndSet(false)) {
            csr[csr.length - 1] ^= 0x01;
        }
        devices.put(deviceId, new Device(personId, token, false));
        log.info("SCD device {} made for {}…", deviceId, personId.substring(0, Math.min(personId.length(), 9)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deviceId", deviceId);
        answer.put("certificationRequest", Base64.getEncoder().encodeToString(csr));
        return answer;
    }

    private Map<String, Object> certify(String deviceId, JsonNode request) {
        Device device = device(deviceId);
        if (device.certified()) {
            throw new Refusal(409, "device " + deviceId + " has its certificate");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode certificate : request.path("certificates")) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(certificate.asString()))));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new Refusal(400, "certificates holds no readable certificate: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new Refusal(400, "certificates must list the device's certificate, then its issuers");
        }
        try {
            device.token().certified(chain, pins.get(device.personId()));
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, e.getMessage());
        }
        String credentialId = CREDENTIAL_PREFIX + deviceId;
        csc.offerDevice(
                credentialId,
                device.token(),
                "Signing device of " + chain.get(0).getSubjectX500Principal());
        devices.put(deviceId, new Device(device.personId(), device.token(), true));
        return describe(deviceId);
    }

    private Map<String, Object> describe(String deviceId) {
        Device device = device(deviceId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deviceId", deviceId);
        answer.put("personId", device.personId());
        answer.put("credentialId", device.certified() ? CREDENTIAL_PREFIX + deviceId : null);
        return answer;
    }

    private Device device(String deviceId) {
        Device device = devices.get(deviceId);
        if (device == null) {
            throw new Refusal(404, "no device " + deviceId);
        }
        return device;
    }

    // The subject ETSI EN 319 412-2 4.2.4 asks of a natural person: country, serialNumber, name.
    static X500Name subject(String personId, String name) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, personId.substring(3, 5))
                .addRDN(BCStyle.SERIALNUMBER, personId)
                .addRDN(BCStyle.CN, name)
                .build();
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new Refusal(400, field + " is required");
        }
        return value.asString();
    }

    private static final class Refusal extends RuntimeException {
        private final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
