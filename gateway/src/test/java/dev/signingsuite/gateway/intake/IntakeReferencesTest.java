package dev.signingsuite.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.gateway.intake.IntakeReferences.Claim;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reference rule's race, decided by the primary key of a real PostgreSQL. */
class IntakeReferencesTest {

    private static HikariDataSource dataSource;
    private static IntakeReferences references;

    @BeforeAll
    static void startDatabase() {
        dataSource = TestDatabases.migrated(8);
        references = new IntakeReferences(
                JdbcClient.create(dataSource), Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Test
    void theFirstClaimHoldsAndIsFoundByTheNext() {
        String reference = "ref-" + UUID.randomUUID();
        Claim first = claim(reference, "doc-1", "fingerprint-a");

        assertThat(references.claim(first)).isEqualTo(first);
        assertThat(references.claim(claim(reference, "doc-2", "fingerprint-b"))).isEqualTo(first);
        assertThat(references.find("other-tenant", reference)).isEmpty();

        references.release("demo", "doc-1");
        assertThat(references.find("demo", reference)).isEmpty();
    }

    @Test
    void eightConcurrentClaimsOfOneReferenceHaveOneWinner() {
        String reference = "race-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Claim>> claims = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                awaitQuietly(start);
                                return references.claim(claim(reference, "doc-" + i, "fingerprint-" + i));
                            },
                            threads))
                    .toList();
            start.countDown();

            List<Claim> held = claims.stream().map(CompletableFuture::join).toList();

            assertThat(held)
                    .extracting(Claim::documentId)
                    .containsOnly(held.get(0).documentId());
            assertThat(references.find("demo", reference)).contains(held.get(0));
        } finally {
            threads.shutdownNow();
        }
    }

    private static Claim claim(String reference, String documentId, String fingerprint) {
        return new Claim(
                "demo",
                reference,
                documentId,
                documentId,
                fingerprint,
                List.of("a.pdf", "b.pdf"),
                IntakeReferences.Source.KAFKA,
                "signing.intake.v1/0/" + documentId);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
