package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.tenants.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A tenant's IP allow-list (ADR 30), after {@link ApiKeyFilter} named the tenant: fetching a
 * detached signature or downloading a container (which holds the same signature) from an address
 * outside the list answers 403. Everything else the key may do from anywhere.
 */
final class AddressAllowListFilter extends OncePerRequestFilter {

    /** {@code GET /v1/signatures/{id}/signature} and {@code GET /v1/documents/{id}/container}. */
    static final Pattern FETCHES = Pattern.compile("/v1/(signatures/[^/]+/signature|documents/[^/]+/container)");

    private final Tenants tenants;
    private final ClientAddresses addresses;
    private final HandlerExceptionResolver problems;

    AddressAllowListFilter(Tenants tenants, ClientAddresses addresses, HandlerExceptionResolver problems) {
        this.tenants = tenants;
        this.addresses = addresses;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !FETCHES.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(ApiKeyFilter.TENANT) instanceof String tenantId) {
            Optional<InetAddress> client = addresses.of(request);
            if (!tenants.admits(tenantId, client.orElse(null))) {
                ApiProblem problem = new ApiProblem(
                        HttpStatus.FORBIDDEN,
                        "Address not allowed",
                        "tenant " + tenantId + " fetches signatures only from its allowed addresses; "
                                + client.map(InetAddress::getHostAddress).orElse("this address")
                                + " is not one of them");
                if (problems.resolveException(request, response, null, problem) == null) {
                    response.sendError(HttpStatus.FORBIDDEN.value());
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
