package dev.signingsuite.gateway.operator;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The gateway's half of an operator login at a remote signing service: the person's browser only
 * ever talks to the gateway, which asks the provider's internal endpoints server to server and
 * passes their redirects on. The provider exchanges the code, so tokens never pass through here.
 */
final class ProviderRelay {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration ASK = Duration.ofSeconds(10);
    // The provider exchanges the code with the remote service before it answers.
    private static final Duration CALLBACK = Duration.ofSeconds(30);

    private final String name;
    private final URI provider;
    private final OperatorHtml html;

    /**
     * @param name the provider as operators know it, e.g. {@code provider-csc}
     * @param base the provider's internal base URL
     */
    ProviderRelay(String name, URI base, OperatorHtml html) {
        String text = base.toString();
        this.name = name;
        this.provider = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.html = html;
    }

    /** The provider's answer to {@code GET path}; empty when it does not answer. */
    Optional<HttpResponse<String>> get(String path) {
        return send(path, ASK);
    }

    /** The provider's redirect to the remote service (with its state), passed on to the browser. */
    ResponseEntity<String> redirect(String path, String otherwise) {
        return redirect(path, otherwise, otherwise, "");
    }

    /**
     * As {@link #redirect(String, String)}; when the provider knows no such thing (404), a 404 page
     * saying {@code notFound} and {@code next}, not a 502: nothing is wrong with the provider.
     */
    ResponseEntity<String> redirect(String path, String otherwise, String notFound, String next) {
        return get(path)
                .map(answer -> {
                    if (answer.statusCode() == 404) {
                        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                                .contentType(MediaType.TEXT_HTML)
                                .body(html.renderWithoutLogin(notFound, next, Map.of(), ""));
                    }
                    return answer.headers()
                            .firstValue("Location")
                            .filter(location -> answer.statusCode() == 302)
                            .map(location -> ResponseEntity.status(HttpStatus.FOUND)
                                    .location(URI.create(location))
                                    .<String>build())
                            .orElseGet(() -> unavailable(otherwise));
                })
                .orElseGet(this::notAnswering);
    }

    /**
     * The remote service's redirect after the person's login: code and state (or error) go to the
     * provider as they came; the browser then sees {@code page} again, or what went wrong and where
     * the authorisation stands now (the provider answers its status): a refused or stale login
     * leaves an authorisation in place untouched, and the page says so rather than "not authorised".
     *
     * @param notAuthorised the state in words when no authorisation is in place
     */
    ResponseEntity<String> callback(String path, HttpServletRequest request, String page, String notAuthorised) {
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        return send(path + "?" + query, CALLBACK)
                .map(answer -> {
                    if (answer.statusCode() == 200) {
                        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                                .location(URI.create(page))
                                .<String>build();
                    }
                    HttpStatus status = answer.statusCode() == 400 || answer.statusCode() == 403
                            ? HttpStatus.valueOf(answer.statusCode())
                            : HttpStatus.BAD_GATEWAY;
                    AuthorisationState now = AuthorisationState.read(answer.body());
                    String what = switch (status) {
                        case BAD_REQUEST -> "This login could not be completed";
                        case FORBIDDEN -> "The login was cancelled or refused at the service";
                        default -> "The service did not complete the login";
                    };
                    String why =
                            status == HttpStatus.BAD_REQUEST ? "Its link was too old or had been used already. " : "";
                    String next = now.authorised()
                            ? why + "Nothing changed: the authorisation in place stays, and there is nothing to do."
                            : why + notAuthorised + ": log in again with the link below.";
                    return ResponseEntity.status(status)
                            .contentType(MediaType.TEXT_HTML)
                            .body(html.render(what, next, now.details(), !now.authorised()));
                })
                .orElseGet(this::notAnswering);
    }

    ResponseEntity<String> notAnswering() {
        return unavailable(name + " does not answer");
    }

    ResponseEntity<String> unavailable(String why) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .contentType(MediaType.TEXT_HTML)
                .body(html.renderWithoutLogin(
                        why,
                        "Try again in a moment; if this stays, check that " + name + " is running.",
                        Map.of(),
                        ""));
    }

    OperatorHtml html() {
        return html;
    }

    private Optional<HttpResponse<String>> send(String path, Duration timeout) {
        try {
            return Optional.of(HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + path))
                            .timeout(timeout)
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
