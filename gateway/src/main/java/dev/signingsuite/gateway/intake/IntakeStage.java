package dev.signingsuite.gateway.intake;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DocumentSubmitted;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;

/**
 * The binding {@code intake-in-0}: the intake topic in; document-received, document-failed or
 * intake-rejected out, or nothing for a repeated reference ({@link KafkaIntake}).
 */
@Configuration(proxyBeanMethods = false)
class IntakeStage {

    static final String STAGE = "gateway";

    static final String BINDING = "intake-in-0";

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

    /** Whole polls in one transaction each (messaging's BatchedStage), each record as {@link KafkaIntake}. */
    @Bean
    Consumer<Message<List<byte[]>>> intake(
            IntakeAcceptor acceptor,
            DeadLetters deadLetters,
            IntakeReferences references,
            EventMessages messages,
            Topics topics,
            MessagingProperties messaging,
            Clock clock,
            MeterRegistry meters,
            BatchedStages batched) {
        return batched.of(
                BINDING,
                byte[].class,
                new KafkaIntake(
                        references,
                        stage(acceptor, messages, topics, meters),
                        deadLetters,
                        topics.intakeRejected().name(),
                        topics.intake().name(),
                        messaging.source(),
                        clock,
                        meters));
    }

    static RoutedStage<DocumentSubmitted> stage(
            IntakeAcceptor acceptor, EventMessages messages, Topics topics, MeterRegistry meters) {
        return RoutedStage.<DocumentSubmitted>named(STAGE, acceptor::accept)
                .succeeding(
                        "accepted",
                        submitted -> topics.documentReceived(
                                        submitted.signer().provider().lane())
                                .name())
                .logging(log, Level.DEBUG, "Intake accepted", "Intake rejected")
                .build(messages, topics, meters);
    }
}
