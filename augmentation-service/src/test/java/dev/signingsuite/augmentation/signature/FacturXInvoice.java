package dev.signingsuite.augmentation.signature;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * A fictional Factur-X (ZUGFeRD 2) invoice: a PDF/A-3B page with the invoice as Cross Industry
 * Invoice XML attached as {@code factur-x.xml} ({@code /AFRelationship /Alternative}), its PDF/A
 * and Factur-X identification in the XMP metadata, the font embedded (Liberation Sans, which PDFBox
 * carries) and sRGB as output intent. Written with PDFBox, which DSS brings. The same bytes for the
 * same number: dates and the document ID are fixed.
 *
 * <p>{@code samples/invoices/INV-2026-0013-factur-x.pdf} is this class's output: run {@link #main}
 * with the sample's path to write it again.
 */
final class FacturXInvoice {

    static final String ATTACHMENT = "factur-x.xml";

    private FacturXInvoice() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "samples/invoices/INV-2026-0013-factur-x.pdf");
        Files.write(target, pdf("INV-2026-0013"));
    }

    /** The invoice {@code number} as a PDF/A-3B with its XML attached. */
    static byte[] pdf(String number) throws IOException {
        Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        date.clear();
        date.set(2026, Calendar.JUNE, 2, 9, 0, 0);
        byte[] xml = xml(number).getBytes(StandardCharsets.UTF_8);
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font font;
            try (InputStream ttf = PDDocument.class.getResourceAsStream(
                    "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                font = PDType0Font.load(document, ttf, true);
            }
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(font, 11);
                text.setLeading(16);
                text.newLineAtOffset(72, 770);
                for (String line : lines(number)) {
                    text.showText(line);
                    text.newLine();
                }
                text.endText();
            }
            attach(document, xml, date);
            document.getDocumentCatalog().setMetadata(xmp(document, number));
            PDOutputIntent intent = new PDOutputIntent(
                    document,
                    new ByteArrayInputStream(
                            ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            document.getDocumentCatalog().addOutputIntent(intent);
            document.getDocumentInformation().setTitle("Invoice " + number);
            document.getDocumentInformation().setCreationDate(date);
            document.getDocumentInformation().setModificationDate(date);
            // A fixed document ID: otherwise PDFBox derives one from the clock.
            COSArray id = new COSArray();
            byte[] idBytes = java.util.HexFormat.of().parseHex("5e1dfac7002026001300000000000013");
            id.add(new org.apache.pdfbox.cos.COSString(idBytes));
            id.add(new org.apache.pdfbox.cos.COSString(idBytes));
            document.getDocument().getTrailer().setItem(COSName.ID, id);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return renumbered(out.toByteArray());
        }
    }

    // PDFBox leaves gaps in the object numbers of a new document (objects dropped by font subsetting)
    // yet counts them in the trailer's /Size, which qpdf --check reports; saved once more from a
    // parsed file, the numbers are dense.
    private static byte[] renumbered(byte[] pdf) throws IOException {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // Without object streams: compressed, the gaps come back.
            document.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    private static void attach(PDDocument document, byte[] xml, Calendar date) throws IOException {
        PDEmbeddedFile embedded = new PDEmbeddedFile(document, new ByteArrayInputStream(xml));
        embedded.setSubtype("text/xml");
        embedded.setSize(xml.length);
        embedded.setCreationDate(date);
        embedded.setModDate(date);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(ATTACHMENT);
        spec.setFileUnicode(ATTACHMENT);
        spec.setFileDescription("Factur-X invoice data (Cross Industry Invoice)");
        spec.setEmbeddedFile(embedded);
        spec.setEmbeddedFileUnicode(embedded);
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Alternative");
        PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
        files.setNames(Map.of(ATTACHMENT, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
        names.setEmbeddedFiles(files);
        document.getDocumentCatalog().setNames(names);
        COSArray associated = new COSArray();
        associated.add(spec);
        document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), associated);
    }

    private static PDMetadata xmp(PDDocument document, String number) throws IOException {
        String xmp = """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
                   <pdfaid:part>3</pdfaid:part>
                   <pdfaid:conformance>B</pdfaid:conformance>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Invoice %1$s</rdf:li></rdf:Alt></dc:title>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                   <xmp:CreateDate>2026-06-02T09:00:00Z</xmp:CreateDate>
                   <xmp:ModifyDate>2026-06-02T09:00:00Z</xmp:ModifyDate>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
                   <fx:DocumentType>INVOICE</fx:DocumentType>
                   <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
                   <fx:Version>1.0</fx:Version>
                   <fx:ConformanceLevel>MINIMUM</fx:ConformanceLevel>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
                    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
                   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
                    <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                    <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
                    <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                    <pdfaSchema:property><rdf:Seq>
                     %2$s
                    </rdf:Seq></pdfaSchema:property>
                   </rdf:li></rdf:Bag></pdfaExtension:schemas>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>
                """.formatted(
                        number,
                        String.join(
                                "\n",
                                List.of(
                                        property("DocumentFileName", "name of the embedded XML invoice file"),
                                        property("DocumentType", "INVOICE"),
                                        property("Version", "version of the Factur-X XML schema"),
                                        property("ConformanceLevel", "conformance level of the embedded XML"))));
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
        return metadata;
    }

    private static String property(String name, String description) {
        return "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>" + name
                + "</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
                + "<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>"
                + description + "</pdfaProperty:description></rdf:li>";
    }

    private static List<String> lines(String number) {
        return List.of(
                "INVOICE " + number + "   (fictional sample, Factur-X MINIMUM)",
                "Issued 2 June 2026, due 2 July 2026",
                "",
                "Seller: Exemple Imprimerie SARL, 1 rue de l'Exemple, 75001 Paris, FR",
                "VAT FR00000000000",
                "Buyer: Näidis Tarkvara AS, Näidise 1, 10111 Tallinn, EE",
                "VAT EE000000000",
                "",
                "Printed catalogues, 400 pcs                         1,200.00 EUR",
                "VAT 0 % (intra-Community supply, K)                     0.00 EUR",
                "Amount due                                          1,200.00 EUR",
                "",
                "The invoice data is attached as factur-x.xml.");
    }

    private static String xml(String number) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
                  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
                  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
                  <rsm:ExchangedDocumentContext>
                    <ram:GuidelineSpecifiedDocumentContextParameter>
                      <ram:ID>urn:factur-x.eu:1p0:minimum</ram:ID>
                    </ram:GuidelineSpecifiedDocumentContextParameter>
                  </rsm:ExchangedDocumentContext>
                  <rsm:ExchangedDocument>
                    <ram:ID>%s</ram:ID>
                    <ram:TypeCode>380</ram:TypeCode>
                    <ram:IssueDateTime><udt:DateTimeString format="102">20260602</udt:DateTimeString></ram:IssueDateTime>
                  </rsm:ExchangedDocument>
                  <rsm:SupplyChainTradeTransaction>
                    <ram:ApplicableHeaderTradeAgreement>
                      <ram:SellerTradeParty>
                        <ram:Name>Exemple Imprimerie SARL</ram:Name>
                        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
                        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR00000000000</ram:ID></ram:SpecifiedTaxRegistration>
                      </ram:SellerTradeParty>
                      <ram:BuyerTradeParty>
                        <ram:Name>Näidis Tarkvara AS</ram:Name>
                      </ram:BuyerTradeParty>
                    </ram:ApplicableHeaderTradeAgreement>
                    <ram:ApplicableHeaderTradeDelivery/>
                    <ram:ApplicableHeaderTradeSettlement>
                      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
                      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                        <ram:TaxBasisTotalAmount>1200.00</ram:TaxBasisTotalAmount>
                        <ram:TaxTotalAmount currencyID="EUR">0.00</ram:TaxTotalAmount>
                        <ram:GrandTotalAmount>1200.00</ram:GrandTotalAmount>
                        <ram:DuePayableAmount>1200.00</ram:DuePayableAmount>
                      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                    </ram:ApplicableHeaderTradeSettlement>
                  </rsm:SupplyChainTradeTransaction>
                </rsm:CrossIndustryInvoice>
                """.formatted(number);
    }
}
