package dev.signingsuite.gateway.intake;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.IntakeObjectsProperties;
import dev.signingsuite.gateway.status.BatchCancels;
import dev.signingsuite.gateway.tenants.Tenants;
import dev.signingsuite.messaging.BatchedStages;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.MessagingProperties;
import dev.signingsuite.messaging.RoutedStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;

/**
 * The bindings {@code intake-in-0} and, for the interactive lane, {@code intakeInteractive-in-0}:
 * the intake topics in; document-received, document-failed or intake-rejected out, or nothing for a
 * repeated reference ({@link KafkaIntake}).
 */
@Configuration(proxyBeanMethods = false)
@Import(IntakeStage.IntakeLanes.class)
class IntakeStage {

    static final String STAGE = "gateway";

    static final String BINDING = "intake-in-0";

    static final String INTERACTIVE_BINDING = "intakeInteractive-in-0";

    private static final Logger log = LoggerFactory.getLogger(IntakeStage.class);

    @Bean
    IntakeAcceptor intakeAcceptor(
            GatewayProperties properties,
            Tenants tenants,
            BlobStore blobs,
            TenantObjects objects,
            Clock clock,
            BatchCancels cancels) {
        return new IntakeAcceptor(properties, tenants::mayUse, blobs, objects, clock, cancels::cancelled);
    }

    @Bean(destroyMethod = "close")
    TenantObjectsClient tenantObjectsClient(IntakeObjectsProperties properties) {
        return new TenantObjectsClient(properties.s3());
    }

    @Bean
    TenantObjects tenantObjects(IntakeObjectsProperties properties, TenantObjectsClient client) {
        return new TenantObjects(properties, client);
    }

    @Bean
    IntakeReferences intakeReferences(JdbcClient jdbc, Clock clock) {
        return new IntakeReferences(jdbc, clock);
    }

    @Bean
    Consumer<Message<List<byte[]>>> intake(IntakeLanes lanes) {
        return lanes.consumer(Lane.BULK);
    }

    /**
     * The interactive intake (ADR 16): its own consumer and small polls, so that a person's document
     * put on Kafka never waits behind a bulk batch queued on the bulk intake's partitions.
     */
    @Bean
    Consumer<Message<List<byte[]>>> intakeInteractive(IntakeLanes lanes) {
        return lanes.consumer(Lane.INTERACTIVE);
    }

    /** What both intakes share (imported as a bean); each reads its own lane's topics. */
    record IntakeLanes(
            IntakeAcceptor acceptor,
            DeadLetters deadLetters,
            IntakeReferences references,
            EventMessages messages,
            Topics topics,
            MessagingProperties messaging,
            Clock clock,
            MeterRegistry meters,
            BatchedStages batched) {

        /** Whole polls in one transaction each (messaging's BatchedStage), each record as {@link KafkaIntake}. */
        Consumer<Message<List<byte[]>>> consumer(Lane lane) {
            return batched.of(
                    lane == Lane.BULK ? BINDING : INTERACTIVE_BINDING,
                    byte[].class,
                    new KafkaIntake(
                            references,
                            stage(acceptor, lane, messages, topics, meters),
                            deadLetters,
                            topics.intakeRejected().name(),
                            topics.intake(lane).name(),
                            messaging.source(),
                            clock,
                            meters));
        }
    }

    static RoutedStage<DocumentSubmitted> stage(
            IntakeAcceptor acceptor, Lane intakeLane, EventMessages messages, Topics topics, MeterRegistry meters) {
        return RoutedStage.<DocumentSubmitted>named(STAGE, submitted -> acceptor.accept(submitted, intakeLane))
                .succeeding(
                        "accepted",
                        submitted -> topics.documentReceived(
                                        submitted.signer().provider().lane())
                                .name())
                .logging(log, Level.DEBUG, "Intake accepted", "Intake rejected")
                .build(messages, topics, meters);
    }
}
