package dev.signingsuite.gateway.devices;

import dev.signingsuite.gateway.api.ApiCallers;
import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.devices.DeviceViews.DeviceRegistrationRequest;
import dev.signingsuite.gateway.devices.DeviceViews.DeviceView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing-device registration (GovStack eSignature §9.2.1, ADR 32): the tenant's API key and the
 * person's ID token register a device at the remote SCD service; the device then signs as its
 * {@code signer} with provider {@code csc}, for this tenant only. Another tenant's device answers
 * 404, as an unknown one.
 */
@RestController
@RequestMapping("/v1")
class DeviceController {

    private final ObjectProvider<DeviceRegistration> registration;
    private final ObjectProvider<DeviceStore> store;

    DeviceController(ObjectProvider<DeviceRegistration> registration, ObjectProvider<DeviceStore> store) {
        this.registration = registration;
        this.store = store;
    }

    @Operation(
            summary = "Register a person's signing device: its certificate signing request is checked, enrolled"
                    + " with the CA over EST and bound to the person the ID token names (422 if the request's proof"
                    + " of possession fails)")
    @PostMapping(
            path = "/devices",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeviceView> register(HttpServletRequest http, @RequestBody DeviceRegistrationRequest request) {
        DeviceRegistration devices = registration.getIfAvailable();
        if (devices == null) {
            throw DeviceProblems.unavailable("device registration is not configured (signing.gateway.devices)");
        }
        if (request == null) {
            throw ApiProblem.badRequest("the body must be {\"idToken\": \"...\"}");
        }
        RegisteredDevice device = devices.register(ApiCallers.tenant(http), request.idToken());
        return ResponseEntity.created(URI.create("/v1/devices/" + device.id())).body(DeviceView.of(device));
    }

    @Operation(summary = "A registered signing device: its person, signer and certificate")
    @GetMapping(path = "/devices/{deviceId}", produces = MediaType.APPLICATION_JSON_VALUE)
    DeviceView device(HttpServletRequest http, @PathVariable String deviceId) {
        DeviceStore devices = store.getIfAvailable();
        return (devices == null
                        ? java.util.Optional.<RegisteredDevice>empty()
                        : devices.find(ApiCallers.tenant(http), deviceId))
                .map(DeviceView::of)
                .orElseThrow(() -> ApiProblem.notFound("no device " + deviceId));
    }
}
