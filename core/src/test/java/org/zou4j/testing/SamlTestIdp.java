package org.zou4j.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Inflater;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A test SAML identity provider: a key pair with a self-signed certificate (BouncyCastle), its metadata, and signed
 * SAML responses built with the JDK's XML signature API, with every field a test may want wrong.
 */
public final class SamlTestIdp {
    public static final String ENTITY_ID = "https://idp.test.example/saml/metadata";
    public static final String SSO_URL = "https://idp.test.example/saml/sso";
    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final String signatureMethod;

    private SamlTestIdp(String keyAlgorithm, String certAlgorithm, String signatureMethod) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            if (keyAlgorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            this.keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=zou4j test IdP " + UUID.randomUUID());
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
            this.certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(certAlgorithm).build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("test IdP key or certificate", e);
        }
        this.signatureMethod = signatureMethod;
    }

    /** An IdP signing with RSA-SHA256 (2048-bit key). */
    public static SamlTestIdp rsa() {
        return new SamlTestIdp("RSA", "SHA256withRSA", SignatureMethod.RSA_SHA256);
    }

    /** An IdP signing with ECDSA-SHA256 (P-256). */
    public static SamlTestIdp ec() {
        return new SamlTestIdp("EC", "SHA256withECDSA", SignatureMethod.ECDSA_SHA256);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** This IdP's metadata, listing its certificate and any {@code extra} ones (a key rollover). */
    public String metadata(X509Certificate... extra) {
        StringBuilder keyDescriptors = new StringBuilder();
        List<X509Certificate> all = new ArrayList<>();
        all.add(certificate);
        all.addAll(List.of(extra));
        for (X509Certificate c : all) {
            keyDescriptors.append("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>")
                    .append(Base64.getMimeEncoder().encodeToString(encoded(c)))
                    .append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + ENTITY_ID + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"" + PROTOCOL + "\">"
                + keyDescriptors
                + "<md:KeyDescriptor use=\"encryption\"><ds:KeyInfo><ds:KeyName>ignored</ds:KeyName></ds:KeyInfo>"
                + "</md:KeyDescriptor>"
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"" + SSO_URL + "/post\"/>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
                + "Location=\"" + SSO_URL + "\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response for {@code email}, valid at {@code now}, addressed to this service provider. */
    public Response response(String spEntityId, String acsUrl, String email, Instant now) {
        return new Response(spEntityId, acsUrl, email, now);
    }

    /** What an AuthnRequest carried in a redirect URL said. */
    public record SeenRequest(String id, String issuer, String destination, String acsUrl, String protocolBinding) {
    }

    /** Decodes the AuthnRequest of an HTTP-Redirect binding URL (raw DEFLATE, base64, URL encoding). */
    public static SeenRequest readRequest(String location) {
        String query = location.substring(location.indexOf('?') + 1);
        String encoded = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("SAMLRequest=")) {
                encoded = URLDecoder.decode(pair.substring("SAMLRequest=".length()), StandardCharsets.UTF_8);
            }
        }
        if (encoded == null) {
            throw new AssertionError("no SAMLRequest in " + location);
        }
        try {
            Inflater inflater = new Inflater(true);
            inflater.setInput(Base64.getDecoder().decode(encoded));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            inflater.end();
            Document doc = parse(out.toString(StandardCharsets.UTF_8));
            Element request = doc.getDocumentElement();
            if (!PROTOCOL.equals(request.getNamespaceURI()) || !"AuthnRequest".equals(request.getLocalName())) {
                throw new AssertionError("not an AuthnRequest: " + out);
            }
            Element issuer = (Element) request.getElementsByTagNameNS(ASSERTION, "Issuer").item(0);
            return new SeenRequest(request.getAttribute("ID"), issuer.getTextContent(),
                    request.getAttribute("Destination"), request.getAttribute("AssertionConsumerServiceURL"),
                    request.getAttribute("ProtocolBinding"));
        } catch (Exception e) {
            throw new AssertionError("unreadable SAMLRequest", e);
        }
    }

    /** Parses XML (namespace-aware; the test side, not hardened). */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serializes a document as is. */
    public static String toXml(Document doc) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newDefaultInstance().newTransformer().transform(new DOMSource(doc),
                    new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code SAMLResponse} form value of an XML text. */
    public static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** A SAML response under construction; every setter returns this. */
    public final class Response {
        public String responseId = "_r" + UUID.randomUUID().toString().replace("-", "");
        public String assertionId = "_a" + UUID.randomUUID().toString().replace("-", "");
        public String email;
        public String inResponseTo;
        public String destination;
        public String recipient;
        public String audience;
        public String issuer = ENTITY_ID;
        public String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
        public Instant issueInstant;
        public Instant notBefore;
        public Instant notOnOrAfter;
        public Instant confirmationNotOnOrAfter;
        public Map<String, List<String>> attributes = new LinkedHashMap<>();
        public boolean signAssertion = true;
        public boolean signResponse;
        public String signatureMethod = SamlTestIdp.this.signatureMethod;
        public String digestMethod = DigestMethod.SHA256;
        public SamlTestIdp signer = SamlTestIdp.this;

        private Response(String spEntityId, String acsUrl, String email, Instant now) {
            this.email = email;
            this.destination = acsUrl;
            this.recipient = acsUrl;
            this.audience = spEntityId;
            this.issueInstant = now;
            this.notBefore = now.minusSeconds(30);
            this.notOnOrAfter = now.plus(Duration.ofMinutes(5));
            this.confirmationNotOnOrAfter = now.plus(Duration.ofMinutes(5));
        }

        public Response inResponseTo(String id) {
            this.inResponseTo = id;
            return this;
        }

        public Response attribute(String name, String... values) {
            attributes.put(name, List.of(values));
            return this;
        }

        /** Moves every validity time by {@code d} (negative: into the past). */
        public Response shift(Duration d) {
            issueInstant = issueInstant.plus(d);
            notBefore = notBefore.plus(d);
            notOnOrAfter = notOnOrAfter.plus(d);
            confirmationNotOnOrAfter = confirmationNotOnOrAfter.plus(d);
            return this;
        }

        public Response with(java.util.function.Consumer<Response> change) {
            change.accept(this);
            return this;
        }

        /** The unsigned XML text. */
        public String unsignedXml() {
            String irt = inResponseTo == null ? "" : " InResponseTo=\"" + inResponseTo + "\"";
            StringBuilder attrs = new StringBuilder();
            if (!attributes.isEmpty()) {
                attrs.append("<saml:AttributeStatement>");
                attributes.forEach((name, values) -> {
                    attrs.append("<saml:Attribute Name=\"").append(name)
                            .append("\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">");
                    for (String v : values) {
                        attrs.append("<saml:AttributeValue>").append(v).append("</saml:AttributeValue>");
                    }
                    attrs.append("</saml:Attribute>");
                });
                attrs.append("</saml:AttributeStatement>");
            }
            return "<samlp:Response xmlns:samlp=\"" + PROTOCOL + "\" xmlns:saml=\"" + ASSERTION + "\" ID=\""
                    + responseId + "\" Version=\"2.0\" IssueInstant=\"" + time(issueInstant) + "\""
                    + (destination == null ? "" : " Destination=\"" + destination + "\"") + irt + ">"
                    + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                    + "<samlp:Status><samlp:StatusCode Value=\"" + status + "\"/></samlp:Status>"
                    + "<saml:Assertion ID=\"" + assertionId + "\" Version=\"2.0\" IssueInstant=\""
                    + time(issueInstant) + "\">"
                    + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                    + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">"
                    + email + "</saml:NameID>"
                    + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                    + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + time(confirmationNotOnOrAfter)
                    + "\" Recipient=\"" + recipient + "\"" + irt + "/></saml:SubjectConfirmation></saml:Subject>"
                    + "<saml:Conditions NotBefore=\"" + time(notBefore) + "\" NotOnOrAfter=\"" + time(notOnOrAfter)
                    + "\"><saml:AudienceRestriction><saml:Audience>" + audience
                    + "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
                    + "<saml:AuthnStatement AuthnInstant=\"" + time(issueInstant) + "\" SessionIndex=\"" + assertionId
                    + "\"><saml:AuthnContext><saml:AuthnContextClassRef>"
                    + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                    + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                    + attrs
                    + "</saml:Assertion></samlp:Response>";
        }

        /** The signed document (assertion signed, then the response when asked). */
        public Document document() {
            Document doc = parse(unsignedXml());
            Element response = doc.getDocumentElement();
            Element assertion = (Element) response.getElementsByTagNameNS(ASSERTION, "Assertion").item(0);
            if (signAssertion) {
                signer.sign(assertion, assertionId, signatureMethod, digestMethod);
            }
            if (signResponse) {
                signer.sign(response, responseId, signatureMethod, digestMethod);
            }
            return doc;
        }

        /** The signed XML text. */
        public String xml() {
            return toXml(document());
        }

        /** The {@code SAMLResponse} form value. */
        public String base64() {
            return SamlTestIdp.base64(xml());
        }
    }

    /** Signs {@code element} (enveloped signature after its Issuer, exclusive c14n, KeyInfo with our certificate). */
    public void sign(Element element, String id, String signatureMethod, String digestMethod) {
        try {
            XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
            var reference = fac.newReference("#" + id, fac.newDigestMethod(digestMethod, null),
                    List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            fac.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            var signedInfo = fac.newSignedInfo(
                    fac.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    fac.newSignatureMethod(signatureMethod, null), List.of(reference));
            KeyInfoFactory kif = fac.getKeyInfoFactory();
            var keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(certificate))));
            Node issuer = element.getElementsByTagNameNS(ASSERTION, "Issuer").item(0);
            DOMSignContext context = new DOMSignContext(keys.getPrivate(), element, issuer.getNextSibling());
            context.setDefaultNamespacePrefix("ds");
            context.setIdAttributeNS(element, null, "ID");
            fac.newXMLSignature(signedInfo, keyInfo).sign(context);
        } catch (Exception e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
