package dev.signingsuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceLookupCacheTest {

    public interface Plugin {}

    public static final class Stamp implements Plugin {}

    /** Counts what reaches the real class path. */
    static final class CountingParent extends ClassLoader {
        final AtomicInteger lookups = new AtomicInteger();

        CountingParent() {
            super(ServiceLookupCacheTest.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            lookups.incrementAndGet();
            return super.getResources(name);
        }
    }

    @Test
    void findsTheSameProvidersAndAsksTheClassPathOnce() {
        CountingParent parent = new CountingParent();
        ServiceLookupCache cache = new ServiceLookupCache(parent);

        List<Class<?>> first = providers(cache);
        List<Class<?>> second = providers(cache);

        assertThat(first).containsExactly(Stamp.class).isEqualTo(second);
        assertThat(parent.lookups).hasValue(1);
    }

    @Test
    void everythingElseGoesToTheParentEachTime() throws Exception {
        CountingParent parent = new CountingParent();
        ServiceLookupCache cache = new ServiceLookupCache(parent);

        cache.getResources("META-INF/MANIFEST.MF");
        cache.getResources("META-INF/MANIFEST.MF");

        assertThat(parent.lookups).hasValue(2);
        assertThat(cache.loadClass(Stamp.class.getName())).isSameAs(Stamp.class);
    }

    @Test
    void installWrapsTheContextLoaderOnce() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try {
            ServiceLookupCache.install();
            ClassLoader installed = thread.getContextClassLoader();
            ServiceLookupCache.install();

            assertThat(installed).isInstanceOf(ServiceLookupCache.class).hasFieldOrPropertyWithValue("parent", before);
            assertThat(thread.getContextClassLoader()).isSameAs(installed);
            assertThat(ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::type))
                    .containsExactly(Stamp.class);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static List<Class<?>> providers(ClassLoader loader) {
        return ServiceLoader.load(Plugin.class, loader).stream()
                .<Class<?>>map(ServiceLoader.Provider::type)
                .toList();
    }
}
