package dev.signingsuite.sandbox.faults;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Fault injection for every simulator of the sandbox, off by default. A profile makes a share of
 * requests fail; an outage makes every request fail for a window. Thread-safe: tests and the
 * {@code /_sandbox/faults} endpoint change it while the simulators answer.
 */
public final class Faults {

    /** How long a {@link Fault#TIMEOUT} holds a connection before closing it. */
    public static final Duration TIMEOUT_HOLD = Duration.ofMinutes(2);

    /** The HTTP endpoint that changes faults at run time. */
    public static final String CONTROL_PATH = "/_sandbox/faults";

    private final Map<Simulator, FaultProfile> profiles = new ConcurrentHashMap<>();
    private final Map<Simulator, Long> outageEnds = new ConcurrentHashMap<>();
    // Monotonic: an outage "for two minutes" lasts two minutes whatever clock the sandbox answers at.
    private final LongSupplier nanoTicker;
    private final RandomGenerator random;
    private final Delays delays = new Delays();

    public Faults() {
        this(System::nanoTime, RandomGenerator.getDefault());
    }

    Faults(LongSupplier nanoTicker, RandomGenerator random) {
        this.nanoTicker = nanoTicker;
        this.random = random;
    }

    public void set(Simulator simulator, FaultProfile profile) {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(profile, "profile");
        profiles.put(simulator, profile);
    }

    /** Every request to {@code simulator} fails (connection reset or 503) for {@code duration} from now. */
    public void outage(Simulator simulator, Duration duration) {
        Objects.requireNonNull(simulator, "simulator");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        outageEnds.put(simulator, nanoTicker.getAsLong() + duration.toNanos());
    }

    /** Ends every outage and turns every profile off. */
    public void clear() {
        profiles.clear();
        outageEnds.clear();
    }

    public FaultProfile profile(Simulator simulator) {
        return profiles.getOrDefault(simulator, FaultProfile.OFF);
    }

    /** The profiles that are on and the simulators in an outage now. */
    public Map<Simulator, FaultProfile> active() {
        Map<Simulator, FaultProfile> active = new EnumMap<>(Simulator.class);
        for (Simulator simulator : Simulator.values()) {
            if (inOutage(simulator)) {
                active.put(simulator, new FaultProfile(1, List.of(Fault.RESET, Fault.HTTP_503), null));
            } else if (!profile(simulator).off()) {
                active.put(simulator, profile(simulator));
            }
        }
        return active;
    }

    /** The HTTP filter that applies this simulator's faults to the requests of a context. */
    public Filter filter(Simulator simulator) {
        return new FaultFilter(this, simulator, delays);
    }

    /** The handler of {@link #CONTROL_PATH}. */
    public HttpHandler controlEndpoint() {
        return new FaultsEndpoint(this);
    }

    /** The fault the next request to {@code simulator} gets, if any. */
    Optional<Fault> next(Simulator simulator) {
        if (inOutage(simulator)) {
            return Optional.of(random.nextBoolean() ? Fault.RESET : Fault.HTTP_503);
        }
        FaultProfile profile = profile(simulator);
        if (profile.off() || random.nextDouble() >= profile.share()) {
            return Optional.empty();
        }
        return Optional.of(profile.kinds().get(random.nextInt(profile.kinds().size())));
    }

    private boolean inOutage(Simulator simulator) {
        Long end = outageEnds.get(simulator);
        return end != null && nanoTicker.getAsLong() - end < 0;
    }
}
