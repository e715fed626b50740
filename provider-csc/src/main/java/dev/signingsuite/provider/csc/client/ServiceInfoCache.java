package dev.signingsuite.provider.csc.client;

import java.util.List;

/**
 * The service's {@code info}, asked once: it decides how the service token is obtained, where the
 * OAuth 2.0 endpoints are and which optional methods may be called.
 */
final class ServiceInfoCache {

    private final CscTransport transport;
    private volatile ServiceInfo info;

    ServiceInfoCache(CscTransport transport) {
        this.transport = transport;
    }

    /**
     * Asks on first use. A service that does not implement {@code info} (404, 405, 501) is assumed
     * to take client credentials at {@code baseUrl} and to offer every method.
     */
    ServiceInfo get() {
        ServiceInfo known = info;
        if (known == null) {
            synchronized (this) {
                if (info == null) {
                    info = ask();
                }
                known = info;
            }
        }
        return known;
    }

    /** The info if it has been asked already, else null; never calls the service. */
    ServiceInfo known() {
        return info;
    }

    private ServiceInfo ask() {
        try {
            CscWire.InfoResponse answer = transport.send(
                    "info",
                    transport.jsonRequest("info", CscTransport.noParameters(), null),
                    CscWire.InfoResponse.class);
            return new ServiceInfo(
                    answer.specs(),
                    answer.name(),
                    answer.authType(),
                    answer.oauth2(),
                    answer.oauth2Issuer(),
                    answer.methods(),
                    answer.signAlgorithms() == null
                            ? List.of()
                            : answer.signAlgorithms().algos());
        } catch (CscCallException e) {
            if (e.status() == 404 || e.status() == 405 || e.status() == 501) {
                return ServiceInfo.ASSUMED;
            }
            throw e;
        }
    }
}
