package dev.signingsuite.gateway.tenants;

import dev.signingsuite.gateway.api.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Guards {@code /admin/*} with the admin token, before anything reads a body. A tenant's API key is
 * no admin credential: the filter never looks at {@code X-API-Key}.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AdminProperties admin;
    private final HandlerExceptionResolver problems;

    AdminTokenFilter(AdminProperties admin, HandlerExceptionResolver problems) {
        this.admin = admin;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admin.enabled()) {
            refuse(
                    request,
                    response,
                    new ApiProblem(
                            HttpStatus.FORBIDDEN,
                            "Admin API off",
                            "the admin API is off: signing.gateway.admin.token is not set"));
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String presented = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim()
                : null;
        if (!admin.accepts(presented)) {
            ApiProblem problem = new ApiProblem(
                    HttpStatus.UNAUTHORIZED,
                    "Not authenticated",
                    presented == null
                            ? "the admin API needs Authorization: Bearer <admin token>"
                            : "the bearer token is not the admin token");
            problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            refuse(request, response, problem);
            return;
        }
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
