package dev.signingsuite.provider.csc.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The service access token, fetched once and reused until shortly before it expires. A token the
 * service refused is dropped so the next call fetches a new one. The value is never logged.
 */
final class AccessTokens {

    /** A token and when it stops being used. */
    record Token(String value, Instant renewAt) {

        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    private final Supplier<Token> fetcher;
    private final Clock clock;
    private Token current;

    AccessTokens(Supplier<Token> fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** One fetch at a time: concurrent callers wait for it instead of each asking the service. */
    synchronized String get() {
        if (current == null || !clock.instant().isBefore(current.renewAt())) {
            current = fetcher.get();
        }
        return current.value();
    }

    /** Drops {@code refused} unless another caller has already replaced it. */
    synchronized void invalidate(String refused) {
        if (current != null && current.value().equals(refused)) {
            current = null;
        }
    }

    /** The token in use, if any; never fetches one. */
    synchronized java.util.Optional<String> current() {
        return current == null ? java.util.Optional.empty() : java.util.Optional.of(current.value());
    }

    synchronized void clear() {
        current = null;
    }

    static Instant renewAt(Instant now, long expiresInSeconds, Duration margin) {
        Duration lifetime = Duration.ofSeconds(expiresInSeconds);
        // A token shorter-lived than the margin is still used for half its life.
        Duration usable =
                lifetime.compareTo(margin.multipliedBy(2)) > 0 ? lifetime.minus(margin) : lifetime.dividedBy(2);
        return now.plus(usable);
    }
}
