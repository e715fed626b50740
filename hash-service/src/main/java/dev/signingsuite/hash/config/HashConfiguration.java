package dev.signingsuite.hash.config;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.hash.digest.BlobVerifier;
import dev.signingsuite.hash.digest.DocumentHasher;
import dev.signingsuite.hash.digest.PdfRevisions;
import dev.signingsuite.hash.digest.VisibleSeals;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HashConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DocumentHasher documentHasher(BlobStore blobs, HashProperties properties, Clock clock) {
        Map<String, VisibleSeals.Placement> seals = new HashMap<>();
        properties
                .visibleSeals()
                .forEach((identity, seal) -> seals.put(
                        identity,
                        new VisibleSeals.Placement(
                                seal.organisation(), seal.page(), seal.x(), seal.y(), seal.width(), seal.height())));
        return new DocumentHasher(
                new BlobVerifier(blobs),
                new PdfRevisions(blobs),
                new VisibleSeals(seals),
                properties.maxFilesPerContainer(),
                clock);
    }
}
