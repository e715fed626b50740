package dev.signingsuite.provider.onetime.config;

import dev.signingsuite.est.EstCertificateAuthority;
import dev.signingsuite.provider.onetime.enrolment.EstProperties;
import dev.signingsuite.provider.onetime.hsm.HsmProperties;
import dev.signingsuite.provider.onetime.hsm.HsmUnavailable;
import dev.signingsuite.provider.onetime.hsm.Pkcs11Token;
import dev.signingsuite.provider.onetime.login.LoginProperties;
import dev.signingsuite.provider.onetime.login.OidcClient;
import dev.signingsuite.provider.onetime.login.PersonLogins;
import dev.signingsuite.provider.onetime.signing.OneTimeSigner;
import dev.signingsuite.provider.onetime.signing.OneTimeSignings;
import dev.signingsuite.provider.onetime.signing.SigningAudit;
import dev.signingsuite.provider.onetime.signing.SigningProperties;
import dev.signingsuite.provider.onetime.timing.TsaProbe;
import dev.signingsuite.provider.onetime.timing.TsaProperties;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The token, the CA and the signings, one of each per instance. Without a usable token the service
 * still starts: its documents then fail {@code STAGE_UNAVAILABLE} saying what to install.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    HsmProperties.class,
    EstProperties.class,
    SigningProperties.class,
    TsaProperties.class,
    LoginProperties.class
})
class OnetimeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OnetimeConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The persons' logins: the callback's code is exchanged and the ID token verified here (ADR 24). */
    @Bean
    PersonLogins personLogins(LoginProperties login, Clock clock) {
        return new PersonLogins(new OidcClient(login, clock), clock);
    }

    @Bean
    OneTimeSigner oneTimeSigner(
            HsmProperties hsm,
            EstProperties est,
            SigningProperties signing,
            TsaProperties tsa,
            Clock clock,
            Signings signings,
            PersonLogins logins) {
        Pkcs11Token token;
        try {
            token = Pkcs11Token.open(hsm, clock);
        } catch (HsmUnavailable e) {
            log.error("provider-onetime has no HSM; its documents fail STAGE_UNAVAILABLE: {}", e.getMessage());
            return OneTimeSigner.unavailable(e.getMessage(), clock);
        }
        OneTimeSignings open = new OneTimeSignings(
                token, new EstCertificateAuthority(est.endpoint()), SigningAudit.LOG, clock, signing.margin());
        signings.start(open, token, logins, signing);
        return OneTimeSigner.of(
                open,
                logins,
                new TsaProbe(tsa.urls(), tsa.fresh(), tsa.timeout(), clock),
                signing.maxBatchSize(),
                clock);
    }

    @Bean(destroyMethod = "close")
    Signings signings() {
        return new Signings();
    }

    /** Sweeps ended signings while the instance runs, and destroys every key when it stops. */
    static final class Signings implements AutoCloseable {
        private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "onetime-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        private OneTimeSignings signings;
        private Pkcs11Token token;

        void start(OneTimeSignings signings, Pkcs11Token token, PersonLogins logins, SigningProperties properties) {
            this.signings = signings;
            this.token = token;
            long every = properties.sweep().toMillis();
            sweeper.scheduleWithFixedDelay(signings::sweep, every, every, TimeUnit.MILLISECONDS);
            sweeper.scheduleWithFixedDelay(logins::sweep, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            sweeper.shutdownNow();
            if (signings != null) {
                signings.close();
                token.close();
            }
        }
    }
}
