package dev.signingsuite.gateway.devices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote signature creation device service's API as the sandbox serves it ({@code /scd/v1},
 * ADR 32): a new device's certificate signing request for an authenticated person, then the issued
 * certificate back, which makes the device a CSC credential.
 */
final class RemoteScdClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A new device: its id and its DER PKCS#10 request. */
    record NewDevice(String deviceId, byte[] certificationRequest) {}

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    RemoteScdClient(URI base, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    NewDevice create(PersonTokens.Person person) {
        JsonNode answer = call("POST", "/devices", Map.of("personId", person.identifier(), "name", person.name()), 201);
        try {
            return new NewDevice(
                    answer.path("deviceId").asString(),
                    Base64.getDecoder()
                            .decode(answer.path("certificationRequest").asString()));
        } catch (IllegalArgumentException e) {
            throw DeviceProblems.badGateway("the SCD service's certification request is not base64");
        }
    }

    /** @return the credentialID the device signs as */
    String certify(String deviceId, List<X509Certificate> chain) {
        List<String> certificates = new ArrayList<>();
        try {
            for (X509Certificate certificate : chain) {
                certificates.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        String credentialId = call(
                        "PUT", "/devices/" + deviceId + "/certificate", Map.of("certificates", certificates), 200)
                .path("credentialId")
                .asString();
        if (credentialId == null || credentialId.isBlank()) {
            throw DeviceProblems.badGateway("the SCD service named no credential for device " + deviceId);
        }
        return credentialId;
    }

    private JsonNode call(String method, String path, Object body, int expected) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != expected) {
                throw DeviceProblems.badGateway("the SCD service answered " + response.statusCode() + ": "
                        + answer.path("error").asString(""));
            }
            return answer;
        } catch (IOException | JacksonException e) {
            throw DeviceProblems.badGateway("the SCD service did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeviceProblems.badGateway("interrupted while calling the SCD service");
        }
    }
}
