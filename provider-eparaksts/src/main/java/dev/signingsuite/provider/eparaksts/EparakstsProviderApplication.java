package dev.signingsuite.provider.eparaksts;

import dev.signingsuite.messaging.MessagingConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(MessagingConfiguration.class)
public class EparakstsProviderApplication {

    public static void main(String[] args) {
        SpringApplication.run(EparakstsProviderApplication.class, args);
    }
}
