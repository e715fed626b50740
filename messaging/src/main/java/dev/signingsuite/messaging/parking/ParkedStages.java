package dev.signingsuite.messaging.parking;

import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.BatchedStage;
import dev.signingsuite.messaging.BatchedStages;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.StageFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a parking stage's consumer over whole polls: the one composition augmentation-service and
 * container-service need for each binding they read, a lane's (ADR 16) as well as the bulk one.
 */
public final class ParkedStages {

    private final BatchedStages batched;
    private final ParkingProperties parking;
    private final EventMessages messages;
    private final Topics topics;
    private final MeterRegistry meters;
    private final Clock clock;
    // One per stage: the parking gauges count a stage's documents, in whichever lane they wait.
    private final Map<String, ParkingLot> lots = new ConcurrentHashMap<>();

    ParkedStages(
            BatchedStages batched,
            ParkingProperties parking,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            Clock clock) {
        this.batched = batched;
        this.parking = parking;
        this.messages = messages;
        this.topics = topics;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * {@code work} over whole polls of {@code parked}'s binding, each record parked as it was alone
     * (ADR 0012, ADR 13); past the deadline {@code expiry} answers for the document.
     */
    public <I> BatchedStage<I> of(
            ParkedBinding parked, Class<I> type, StageFunction<I> work, ParkingStage.Expiry<I> expiry) {
        String binding = parked.bindingName();
        ParkingLot lot =
                lots.computeIfAbsent(parked.stage(), stage -> new ParkingLot(stage, clock, parking.maxDelay(), meters));
        return batched.of(
                binding,
                type,
                new ParkingStage<>(work, parked, expiry, parking, messages, topics, meters, clock, lot),
                parked.redelivery(parking, batched.redelivery(binding)));
    }
}
