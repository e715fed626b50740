package dev.signingsuite.hash;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads an ASiC manifest (ETSI EN 319 162-1) with the JDK's parser, independently of DSS, which
 * wrote it.
 *
 * @param signatureEntry the {@code SigReference} URI: the signature entry that covers the manifest
 * @param digests each {@code DataObjectReference} URI with its base64 {@code ds:DigestValue}, in order
 * @param digestMethods each {@code DataObjectReference} URI with its {@code ds:DigestMethod} algorithm
 */
public record ManifestXml(String signatureEntry, Map<String, String> digests, Map<String, String> digestMethods) {

    static final String ASIC = "http://uri.etsi.org/02918/v1.2.1#";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    public static ManifestXml parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            Element root = document.getDocumentElement();
            if (!ASIC.equals(root.getNamespaceURI()) || !"ASiCManifest".equals(root.getLocalName())) {
                throw new AssertionError("not an ASiCManifest: " + root.getTagName());
            }
            NodeList sigReferences = root.getElementsByTagNameNS(ASIC, "SigReference");
            if (sigReferences.getLength() != 1) {
                throw new AssertionError("expected one SigReference, found " + sigReferences.getLength());
            }
            Map<String, String> digests = new LinkedHashMap<>();
            Map<String, String> methods = new LinkedHashMap<>();
            NodeList references = root.getElementsByTagNameNS(ASIC, "DataObjectReference");
            for (int i = 0; i < references.getLength(); i++) {
                Element reference = (Element) references.item(i);
                String uri = reference.getAttribute("URI");
                digests.put(uri, only(reference, "DigestValue").getTextContent().strip());
                methods.put(uri, only(reference, "DigestMethod").getAttribute("Algorithm"));
            }
            return new ManifestXml(((Element) sigReferences.item(0)).getAttribute("URI"), digests, methods);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("the manifest is not well-formed XML", e);
        }
    }

    private static Element only(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(DS, localName);
        if (nodes.getLength() != 1) {
            throw new AssertionError("expected one ds:" + localName + ", found " + nodes.getLength());
        }
        return (Element) nodes.item(0);
    }
}
