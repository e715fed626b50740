package dev.signingsuite.provider.onetime.messaging;

import dev.signingsuite.events.LoginCallbackReceived;
import dev.signingsuite.provider.onetime.login.LoginUnavailable;
import dev.signingsuite.provider.onetime.login.PersonLogins;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The binding {@code loginCallbacks-in-0}: the callbacks the gateway's {@code /onetime/callback}
 * relays (ADR 28). Every instance reads every callback (an anonymous consumer group each, from the
 * latest offset: an instance's logins are younger than it), because a batch's login lives in the
 * instance whose partition its first document came on; the one that issued the {@code state}
 * exchanges the code, the others find no login and change nothing. The documents that wait for the
 * login come again after the runtime's recheck and are signed or failed then.
 */
@Configuration(proxyBeanMethods = false)
class LoginCallbackBinding {

    private static final Logger log = LoggerFactory.getLogger(LoginCallbackBinding.class);

    @Bean
    Consumer<LoginCallbackReceived> loginCallbacks(PersonLogins logins) {
        return callback -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("state", callback.state());
            if (callback.code() != null) {
                query.put("code", callback.code());
            }
            if (callback.error() != null) {
                query.put("error", callback.error());
            }
            if (callback.errorDescription() != null) {
                query.put("error_description", callback.errorDescription());
            }
            try {
                logins.complete(query);
            } catch (LoginUnavailable e) {
                // The code cannot be exchanged a second time later: the login stays open until its lifetime ends.
                log.warn("A one-time login callback could not be exchanged: {}", e.getMessage());
            }
        };
    }
}
