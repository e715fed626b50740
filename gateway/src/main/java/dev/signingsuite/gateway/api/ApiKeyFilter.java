package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.audit.SubmitterHeader;
import dev.signingsuite.gateway.tenants.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates every {@code /v1} request by its {@code X-API-Key} before anything reads the body,
 * so an unknown client cannot make the gateway parse an upload. The tenant it names is passed on as
 * the request attribute {@link #TENANT}. Keys are looked up in the database on every request (ADR 30):
 * a key revoked or a tenant disabled through any instance is refused at once. A refusal is rendered by the same exception handling as
 * every other error, as {@code application/problem+json}.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    static final String TENANT = "dev.signingsuite.gateway.api.tenant";
    /** Who submits, for the audit trail: an id derived from the key, never the key. */
    static final String SUBMITTER = "dev.signingsuite.gateway.api.submitter";

    private final Tenants tenants;
    private final FailedAuthentications failures;
    private final HandlerExceptionResolver problems;

    ApiKeyFilter(Tenants tenants, FailedAuthentications failures, HandlerExceptionResolver problems) {
        this.tenants = tenants;
        this.failures = failures;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        Optional<Duration> wait = failures.refusal(request.getRemoteAddr(), presented);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ApiProblem problem = new ApiProblem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed authentications",
                    "too many requests with a wrong or missing " + HEADER + "; try again in " + seconds + " s");
            problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            refuse(request, response, problem);
            return;
        }
        Optional<Tenants.Caller> caller = tenants.caller(presented);
        if (caller.isEmpty()) {
            failures.failed(request.getRemoteAddr(), presented);
            String detail = presented == null
                    ? "the " + HEADER + " header is required"
                    : "the " + HEADER + " header names no client";
            refuse(request, response, new ApiProblem(HttpStatus.UNAUTHORIZED, "Not authenticated", detail));
            return;
        }
        if (!caller.get().enabled()) {
            refuse(
                    request,
                    response,
                    new ApiProblem(
                            HttpStatus.FORBIDDEN,
                            "Tenant disabled",
                            "tenant " + caller.get().tenantId() + " is disabled"));
            return;
        }
        request.setAttribute(TENANT, caller.get().tenantId());
        request.setAttribute(SUBMITTER, SubmitterHeader.apiKey(request.getHeader(HEADER)));
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        if (problems.resolveException(request, response, null, problem) == null) {
            // Never let an unauthenticated request through, even if no handler took the error.
            response.sendError(problem.getStatusCode().value());
        }
    }
}
