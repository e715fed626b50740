package dev.signingsuite.provider.csc;

import dev.signingsuite.messaging.MessagingConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(MessagingConfiguration.class)
public class CscProviderApplication {

    public static void main(String[] args) {
        SpringApplication.run(CscProviderApplication.class, args);
    }
}
