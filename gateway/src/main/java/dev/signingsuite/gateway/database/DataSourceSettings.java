package dev.signingsuite.gateway.database;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The status store's database, under Spring's usual keys. Bound here rather than by Boot's
 * DataSource auto-configuration, which the gateway leaves out (see {@link DatabaseConfiguration}).
 * Whoever runs the gateway provides the server: deploy/standalone passes the URL of the PostgreSQL
 * it starts, a production deployment its own.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/signing}
 * @param password never printed
 * @param maximumPoolSize the most connections the gateway holds
 */
@Validated
@ConfigurationProperties("spring.datasource")
public record DataSourceSettings(
        @NotBlank String url,
        String username,
        String password,
        @DefaultValue("10") @Positive int maximumPoolSize) {

    @Override
    public String toString() {
        return "DataSourceSettings[url=" + url + ", username=" + username + ", password=(hidden), maximumPoolSize="
                + maximumPoolSize + "]";
    }
}
