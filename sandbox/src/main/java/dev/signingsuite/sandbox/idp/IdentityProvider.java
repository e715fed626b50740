package dev.signingsuite.sandbox.idp;

import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The sandbox's OpenID Connect identity provider (issue 21): Spring Authorization Server in a Spring
 * context of its own on an embedded Tomcat bound to loopback, any free port. Its issuer is {@link
 * #issuer()}; discovery at {@code <issuer>/.well-known/openid-configuration}.
 */
public final class IdentityProvider implements AutoCloseable {

    /** The suite's client (provider-onetime): confidential, PKCE required. Test credentials. */
    public static final String CLIENT_ID = "signing-suite-onetime";

    public static final String CLIENT_SECRET = "sandbox-onetime-secret";

    /**
     * Where the person's browser comes back: the gateway's login callback, on whatever loopback port
     * the gateway has, and the same path on any other loopback service (tests).
     */
    public static final URI REDIRECT_URI = URI.create("http://127.0.0.1/onetime/callback");

    /** The ID token claim with the person's national identifier (besides {@code sub}). */
    public static final String IDENTIFIER_CLAIM = IdpConfiguration.IDENTIFIER_CLAIM;

    /** The registered client, as the Spring context reads it. */
    record Client(String id, String secret, List<URI> redirectUris) {}

    private final Tomcat tomcat;
    private final AnnotationConfigWebApplicationContext spring;
    private final URI issuer;

    private IdentityProvider(Tomcat tomcat, AnnotationConfigWebApplicationContext spring, URI issuer) {
        this.tomcat = tomcat;
        this.spring = spring;
        this.issuer = issuer;
    }

    /** Starts it on {@code 127.0.0.1}, any free port, with Tomcat's work files under {@code workDir}. */
    public static IdentityProvider start(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.toAbsolutePath().toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", workDir.toAbsolutePath().toString());
        // Tomcat's default parent is the system class loader. In the standalone's Spring Boot jar
        // that loader holds only the launcher, not BOOT-INF/lib, so Spring, reading configuration
        // classes through the web application's loader, found none of Spring Security's (README's
        // `./suite run` failed to start; the tests' flat class path hid it).
        ClassLoader application = IdentityProvider.class.getClassLoader();
        context.setParentClassLoader(application);
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.setClassLoader(application);
        spring.register(IdpConfiguration.class, TestPersonLogins.class);
        spring.addBeanFactoryPostProcessor(beans ->
                beans.registerSingleton("client", new Client(CLIENT_ID, CLIENT_SECRET, List.of(REDIRECT_URI))));
        context.addServletContainerInitializer(
                (classes, servletContext) -> {
                    spring.setServletContext(servletContext);
                    spring.refresh();
                    servletContext
                            .addFilter(
                                    "springSecurityFilterChain",
                                    new DelegatingFilterProxy("springSecurityFilterChain", spring))
                            .addMappingForUrlPatterns(EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/*");
                    ServletRegistration.Dynamic dispatcher =
                            servletContext.addServlet("dispatcher", new DispatcherServlet(spring));
                    dispatcher.addMapping("/");
                    dispatcher.setLoadOnStartup(1);
                },
                null);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            destroy(tomcat);
            throw new IOException("the sandbox identity provider did not start: " + e.getMessage(), e);
        }
        if (!spring.isActive()) {
            destroy(tomcat);
            throw new IOException("the sandbox identity provider's Spring context did not start");
        }
        return new IdentityProvider(tomcat, spring, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    /** The issuer: the ID tokens' {@code iss}, and the base of every endpoint. */
    public URI issuer() {
        return issuer;
    }

    @Override
    public void close() {
        destroy(tomcat);
        spring.close();
    }

    private static void destroy(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // Stopping only: the port is released with the connector either way.
        }
    }
}
