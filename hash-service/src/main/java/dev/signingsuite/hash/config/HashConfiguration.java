package dev.signingsuite.hash.config;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.hash.digest.BlobVerifier;
import dev.signingsuite.hash.digest.DocumentHasher;
import dev.signingsuite.hash.digest.PdfRevisions;
import java.time.Clock;
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
        return new DocumentHasher(
                new BlobVerifier(blobs), new PdfRevisions(blobs), properties.maxFilesPerContainer(), clock);
    }
}
