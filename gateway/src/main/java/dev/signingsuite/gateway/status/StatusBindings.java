package dev.signingsuite.gateway.status;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.views.ViewPoll;
import dev.signingsuite.messaging.BinderTransactionalTemplate;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status consumers, group {@code gateway-status}, one per topic the gateway reports on:
 * {@code documentReceived-in-0}, {@code signatureRequested-in-0}, {@code containerAssembled-in-0},
 * {@code documentFailed-in-0}. Each takes a whole poll (batch mode) and writes it in one database
 * transaction, in the poll's one Kafka transaction; {@link ViewPoll} dead-letters what it cannot
 * read and retries, then dead-letters, what the database refuses.
 */
@Configuration(proxyBeanMethods = false)
class StatusBindings {

    @Bean
    StatusStore statusStore(
            DataSource dataSource,
            TransactionTemplate transactions,
            Clock clock,
            ObjectProvider<StatusStore.Observer> observer) {
        return new StatusStore(dataSource, transactions, clock, observer.getIfAvailable(() -> events -> {}));
    }

    @Bean
    BatchCancels batchCancels(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ObjectProvider<BinderFactory> binders,
            Topics topics,
            Clock clock) {
        return new BatchCancels(
                jdbc,
                transactions,
                new BatchCancelledPublisher(new BinderTransactionalTemplate(binders), topics, clock),
                clock);
    }

    @Bean
    Consumer<Message<List<byte[]>>> documentReceived(StatusStore store, ViewPoll poll) {
        return batch -> apply(
                poll, batch, DocumentReceived.class, store, (e, m) -> store.received(e, StatusStore.Source.EVENTS));
    }

    @Bean
    Consumer<Message<List<byte[]>>> signatureRequested(StatusStore store, ViewPoll poll) {
        return batch -> apply(poll, batch, SignatureRequested.class, store, (e, m) -> store.requested(e));
    }

    @Bean
    Consumer<Message<List<byte[]>>> containerAssembled(StatusStore store, ViewPoll poll) {
        return batch -> apply(
                poll,
                batch,
                ContainerAssembled.class,
                store,
                (e, m) -> store.assembled(e, Attempts.of(m.getHeaders())));
    }

    @Bean
    Consumer<Message<List<byte[]>>> documentFailed(StatusStore store, ViewPoll poll) {
        return batch ->
                apply(poll, batch, DocumentFailed.class, store, (e, m) -> store.failed(e, Attempts.of(m.getHeaders())));
    }

    private static <T extends DocumentEvent> void apply(
            ViewPoll poll,
            Message<List<byte[]>> batch,
            Class<T> type,
            StatusStore store,
            BiFunction<T, Message<byte[]>, StatusStore.Write> change) {
        poll.apply(
                batch,
                type,
                change,
                items -> store.write(items.stream().map(ViewPoll.Item::view).toList()));
    }
}
