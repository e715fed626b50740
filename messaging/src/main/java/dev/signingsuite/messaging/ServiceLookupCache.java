package dev.signingsuite.messaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A context class loader that answers {@code META-INF/services/} lookups from memory after the first.
 *
 * <p>DSS asks {@link java.util.ServiceLoader} for its plug-ins on every call that needs one (a MIME
 * type from a file name, a CMS generator, a JAXP factory), several times per document. Each lookup
 * searches every jar of the class path and, in a Spring Boot jar, opens the nested jars' entries
 * again: a profile of a 2,000-document seal put about 16 % of all CPU there (docs/performance.md). The
 * files in {@code META-INF/services/} cannot change while the process runs, so the first answer for a
 * name is kept, contents included; everything else (classes, other resources) goes to the parent
 * unchanged, so every class keeps its one defining loader.
 *
 * <p>{@code ServiceLoader.load(Class)} and JAXP's factory lookup use the thread's context class
 * loader, and a new thread inherits its creator's: installed on the main thread before the services
 * start, it reaches every consumer thread.
 */
public final class ServiceLookupCache extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";

    static {
        // Consumer threads of every stage load plug-in classes through this loader at once.
        ClassLoader.registerAsParallelCapable();
    }

    private final ConcurrentMap<String, List<URL>> services = new ConcurrentHashMap<>();

    ServiceLookupCache(ClassLoader parent) {
        super("service-lookup-cache", parent);
    }

    /** Makes the current thread's context class loader cache service lookups (once; idempotent). */
    public static void install() {
        Thread thread = Thread.currentThread();
        ClassLoader current = thread.getContextClassLoader();
        if (!(current instanceof ServiceLookupCache)) {
            thread.setContextClassLoader(new ServiceLookupCache(current));
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(SERVICES)) {
            return super.getResources(name);
        }
        try {
            return Collections.enumeration(services.computeIfAbsent(name, this::readOnce));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<URL> readOnce(String name) {
        try {
            List<URL> copies = new ArrayList<>();
            Enumeration<URL> found = super.getResources(name);
            while (found.hasMoreElements()) {
                URL original = found.nextElement();
                byte[] content;
                try (InputStream in = original.openStream()) {
                    content = in.readAllBytes();
                }
                copies.add(new URL("memory", null, -1, original.toExternalForm(), new InMemory(content)));
            }
            return List.copyOf(copies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves one service file's bytes; the URL keeps the original's text for error messages. */
    private static final class InMemory extends URLStreamHandler {
        private final byte[] content;

        InMemory(byte[] content) {
            this.content = content;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {}

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(content);
                }
            };
        }
    }
}
