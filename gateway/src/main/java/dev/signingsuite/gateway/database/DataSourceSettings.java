package dev.signingsuite.gateway.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The production database, under Spring's usual keys. Bound here rather than by Boot's DataSource
 * auto-configuration, which the gateway leaves out (see {@link DatabaseConfiguration}).
 *
 * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/signing}; required unless {@code
 *     signing.gateway.database.embedded} is true
 * @param password never printed
 * @param maximumPoolSize the most connections the gateway holds
 */
@ConfigurationProperties("spring.datasource")
public record DataSourceSettings(
        String url,
        String username,
        String password,
        @DefaultValue("10") int maximumPoolSize) {

    @Override
    public String toString() {
        return "DataSourceSettings[url=" + url + ", username=" + username + ", password=(hidden), maximumPoolSize="
                + maximumPoolSize + "]";
    }
}
