package dev.signingsuite.container.assembly;

import java.io.ByteArrayInputStream;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JDK's own XML Signature implementation (JSR 105), independent of DSS: does a detached XML
 * signature verify over the content the client kept, given as the referenced document?
 */
final class JdkXmlSignatures {

    private JdkXmlSignatures() {}

    /** Whether the signature value and every reference verify, {@code name} dereferenced to {@code content}. */
    static boolean validates(byte[] signatureXml, String name, byte[] content) throws Exception {
        Document document = parse(signatureXml);
        // Same-document references (xades:SignedProperties) name their target by an Id attribute.
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.hasAttribute("Id")) {
                element.setIdAttribute("Id", true);
            }
        }
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        DOMValidateContext context = new DOMValidateContext(
                new CertificateKey(),
                document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0));
        URIDereferencer sameDocument = factory.getURIDereferencer();
        context.setURIDereferencer((reference, crypto) -> name.equals(reference.getURI())
                ? new OctetStreamData(new ByteArrayInputStream(content))
                : sameDocument.dereference(reference, crypto));
        return factory.unmarshalXMLSignature(context).validate(context);
    }

    /** The digest value of the reference to {@code name}, as the signature carries it. */
    static byte[] referenceDigest(byte[] signatureXml, String name) throws Exception {
        NodeList references = parse(signatureXml).getElementsByTagNameNS(XMLSignature.XMLNS, "Reference");
        for (int i = 0; i < references.getLength(); i++) {
            Element reference = (Element) references.item(i);
            if (name.equals(reference.getAttribute("URI"))) {
                String value = reference
                        .getElementsByTagNameNS(XMLSignature.XMLNS, "DigestValue")
                        .item(0)
                        .getTextContent();
                return Base64.getMimeDecoder().decode(value.strip());
            }
        }
        throw new AssertionError("no reference to " + name);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** The key of the certificate in the signature's own KeyInfo. */
    private static final class CertificateKey extends KeySelector {
        @Override
        public KeySelectorResult select(
                KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                throws KeySelectorException {
            for (Object content : keyInfo.getContent()) {
                if (content instanceof X509Data data) {
                    for (Object item : data.getContent()) {
                        if (item instanceof X509Certificate certificate) {
                            Key key = certificate.getPublicKey();
                            return () -> key;
                        }
                    }
                }
            }
            throw new KeySelectorException("no certificate in KeyInfo");
        }
    }
}
