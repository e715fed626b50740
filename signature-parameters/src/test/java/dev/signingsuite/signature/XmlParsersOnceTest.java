package dev.signingsuite.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.xml.common.XmlDefinerUtils;
import eu.europa.esig.dss.xml.utils.DomUtils;
import java.util.concurrent.CompletableFuture;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** One factory per thread, and still DSS's secure one. */
class XmlParsersOnceTest {

    @Test
    void aThreadGetsTheSameFactoryEachTimeAndAnotherThreadItsOwn() throws Exception {
        XmlParsersOnce.install();
        XmlParsersOnce.install();
        DocumentBuilderFactory first = XmlDefinerUtils.getInstance().getSecureDocumentBuilderFactory();

        assertThat(XmlDefinerUtils.getInstance().getSecureDocumentBuilderFactory())
                .isSameAs(first);
        DocumentBuilderFactory elsewhere = CompletableFuture.supplyAsync(
                        () -> XmlDefinerUtils.getInstance().getSecureDocumentBuilderFactory())
                .get();
        assertThat(elsewhere).isNotNull().isNotSameAs(first);
    }

    @Test
    void theFactoryIsDssSecureOneReadingNamespacesAndRefusingDoctypes() throws Exception {
        XmlParsersOnce.install();
        DocumentBuilderFactory factory = XmlDefinerUtils.getInstance().getSecureDocumentBuilderFactory();
        assertThat(factory.getFeature(XMLConstants.FEATURE_SECURE_PROCESSING)).isTrue();
        assertThat(factory.getFeature("http://apache.org/xml/features/disallow-doctype-decl"))
                .isTrue();

        Document manifest = DomUtils.buildDOM(
                "<asic:ASiCManifest xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\"/>".getBytes(UTF_8));
        assertThat(manifest.getDocumentElement().getNamespaceURI()).isEqualTo("http://uri.etsi.org/02918/v1.2.1#");

        // An external entity (XXE) must never be read, on the second parse as on the first.
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + "<m>&x;</m>")
                .getBytes(UTF_8);
        assertThatThrownBy(() -> DomUtils.buildDOM(xxe)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> DomUtils.buildDOM(xxe)).isInstanceOf(RuntimeException.class);
    }
}
