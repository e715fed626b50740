package dev.signingsuite.signature;

import eu.europa.esig.dss.xml.common.DocumentBuilderFactoryBuilder;
import eu.europa.esig.dss.xml.common.XmlDefinerUtils;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * DSS's secure XML parser factory, built once per thread instead of once per parse (issue 20).
 *
 * <p>DSS asks {@link XmlDefinerUtils} for a new {@link DocumentBuilderFactory} every time it parses
 * XML: each ASiC manifest, each signature's XML. Building one looks the implementation up on the
 * class path (a service-loader scan through every jar, costly in a nested Spring Boot jar) and
 * sets a dozen security features; a profile of container-service put 5 % of its CPU there. The
 * factory this hands out is the one DSS's own secure builder builds, so the XXE guards are DSS's
 * (DOCTYPE refused, no external entities, secure processing). One per thread, because a JAXP
 * factory is not promised to be thread-safe; DSS only calls {@code newDocumentBuilder} on it and
 * never changes its settings.
 */
public final class XmlParsersOnce extends DocumentBuilderFactoryBuilder {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final DocumentBuilderFactoryBuilder secure =
            DocumentBuilderFactoryBuilder.getSecureDocumentBuilderFactoryBuilder();
    private final ThreadLocal<DocumentBuilderFactory> factories = ThreadLocal.withInitial(secure::build);

    private XmlParsersOnce() {}

    /** Makes DSS use it in this process; idempotent, so each service may call it at start. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            XmlDefinerUtils.getInstance().setDocumentBuilderFactoryBuilder(new XmlParsersOnce());
        }
    }

    @Override
    public DocumentBuilderFactory build() {
        return factories.get();
    }
}
