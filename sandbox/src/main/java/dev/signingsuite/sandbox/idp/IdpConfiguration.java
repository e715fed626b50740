package dev.signingsuite.sandbox.idp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring Authorization Server as an OpenID Connect identity provider: one confidential client (the
 * suite's provider-onetime) that must use PKCE, form login for {@link IdpPersons}, ID tokens that
 * carry the person's name and national identifier, and a refusal ({@code access_denied} back to the
 * client) for a person the provider refuses. The issuer is taken from the request (the port is
 * chosen at start).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableWebMvc
class IdpConfiguration {

    /** The ID token claim with the national identifier (ETSI EN 319 412-1 semantics). */
    static final String IDENTIFIER_CLAIM = "serial_number";

    /** The test person's automatic login ({@link TestPersonLogins}): no session, no CSRF token. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain testPersonChain(HttpSecurity http) {
        http.securityMatcher(TestPersonLogins.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    SecurityFilterChain identityProviderChain(HttpSecurity http, IdentityProvider.Client client) {
        http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults())
                        .authorizationEndpoint(endpoint -> endpoint.authenticationProviders(providers -> {
                            for (var provider : providers) {
                                if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider code) {
                                    code.setAuthenticationValidator(
                                            new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                                    .andThen(IdpConfiguration::refuseSuspended));
                                }
                            }
                        })))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    /**
     * After the person logged in: a refused person's authorization ends with {@code access_denied} at
     * the client's redirect URI (validated first), as a real IdP's refusal of a suspended eID would.
     */
    private static void refuseSuspended(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        Authentication request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication person)
                || person instanceof AnonymousAuthenticationToken
                || !person.isAuthenticated()) {
            return;
        }
        IdpPersons.find(person.getName()).filter(p -> p.refused() != null).ifPresent(p -> {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, p.refused(), null), context.getAuthentication());
        });
    }

    @Bean
    UserDetailsService persons() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (IdpPersons.Person person : IdpPersons.ALL) {
            users.createUser(User.withUsername(person.identifier())
                    .password("{noop}" + person.password())
                    .roles("PERSON")
                    .build());
        }
        return users;
    }

    @Bean
    RegisteredClientRepository clients(IdentityProvider.Client client) {
        RegisteredClient.Builder registered = RegisteredClient.withId(
                        UUID.randomUUID().toString())
                .clientId(client.id())
                .clientSecret("{noop}" + client.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build());
        // Loopback redirect URIs match on any port (RFC 8252 7.3): the gateway's port is chosen at start.
        client.redirectUris().forEach(uri -> registered.redirectUri(uri.toString()));
        return new InMemoryRegisteredClientRepository(registered.build());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> identityClaims() {
        return context -> {
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            IdpPersons.find(context.getPrincipal().getName())
                    .ifPresent(person -> context.getClaims()
                            .claim("name", person.name())
                            .claim("given_name", person.givenName())
                            .claim("family_name", person.familyName())
                            .claim(IDENTIFIER_CLAIM, person.identifier()));
        };
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    /** The userinfo endpoint reads the access tokens this provider signed. */
    @Bean
    JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
        return NimbusJwtDecoder.withJwkSource(keys).build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }
}
