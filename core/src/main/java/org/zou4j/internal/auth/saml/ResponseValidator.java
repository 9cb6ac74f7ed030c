package org.zou4j.internal.auth.saml;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Validates a SAML 2.0 {@code Response} posted to the assertion consumer service (HTTP-POST binding), with the JDK's
 * XML Digital Signature API and a hardened parser. What it enforces:
 * <ul>
 *   <li>XML: no DOCTYPE (so no entity tricks), comments dropped, size bounded;</li>
 *   <li>shape: a {@code samlp:Response} with status Success that holds exactly one {@code saml:Assertion} in the whole
 *       document, as its direct child; encrypted assertions are refused (not supported);</li>
 *   <li>signature (against signature wrapping): the assertion carries exactly one enveloped {@code ds:Signature} whose
 *       single {@code Reference} points at that very assertion's {@code ID}, and only that element is resolvable by
 *       ID while validating; the key is one of the IdP's metadata certificates, never one the message brings;
 *       algorithms RSA or ECDSA with SHA-256/384/512, SHA-256/384/512 digests, exclusive or inclusive c14n without
 *       comments, no other transform; a signature on the Response itself, when present, must be valid too;</li>
 *   <li>addressing: {@code Destination} (when present) and the bearer {@code Recipient} equal the ACS URL, the
 *       {@code Audience} is our entity id, issuers are the IdP's entity id;</li>
 *   <li>time: {@code Conditions} and the bearer confirmation's window, with the configured clock skew.</li>
 * </ul>
 * Whether the response answers a request of ours, and replay, are checked by the caller with the returned values.
 */
final class ResponseValidator {
    /** Largest accepted {@code SAMLResponse} (base64 characters). */
    static final int MAX_RESPONSE_CHARS = 512 * 1024;

    private static final Set<String> SIGNATURE_METHODS = Set.of(SignatureMethod.RSA_SHA256,
            SignatureMethod.RSA_SHA384, SignatureMethod.RSA_SHA512, SignatureMethod.ECDSA_SHA256,
            SignatureMethod.ECDSA_SHA384, SignatureMethod.ECDSA_SHA512);
    private static final Set<String> DIGEST_METHODS = Set.of(DigestMethod.SHA256, DigestMethod.SHA384,
            DigestMethod.SHA512);
    private static final Set<String> CANONICALIZATIONS = Set.of(CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.INCLUSIVE_11);
    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.INCLUSIVE_11);

    /** xs:ID (an NCName), ASCII only: what SAML IDs look like; rules out XPointer forms in a Reference URI. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s]+");
    private static final Pattern XS_ID = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,255}$");

    private final SamlSettings settings;

    ResponseValidator(SamlSettings settings) {
        this.settings = settings;
    }

    /**
     * A validated assertion.
     *
     * @param issuer      the IdP's entity id
     * @param assertionId the assertion's ID (for replay protection)
     * @param nameId      the subject's NameID text
     * @param requestId   the ID of our AuthnRequest this answers, or null for an unsolicited response
     * @param expiresAt   when the assertion stops being acceptable anyway (latest validity end plus skew)
     * @param attributes  attribute values by name, and by friendly name when it differs
     */
    record Validated(String issuer, String assertionId, String nameId, String requestId, Instant expiresAt,
                     Map<String, List<String>> attributes) {
    }

    Validated validate(String samlResponse, Instant now) throws SamlRejectedException {
        Document doc = parse(samlResponse);
        Element response = doc.getDocumentElement();
        if (!SamlXml.is(response, SamlXml.PROTOCOL, "Response")) {
            throw new SamlRejectedException("not a samlp:Response: " + response.getNodeName());
        }
        if (!"2.0".equals(SamlXml.attribute(response, "Version"))) {
            throw new SamlRejectedException("not a SAML 2.0 response");
        }
        String responseId = requireId(response, "Response");
        String destination = SamlXml.attribute(response, "Destination");
        if (destination != null && !destination.equals(settings.acsUrl())) {
            throw new SamlRejectedException("wrong Destination: " + destination + " (expected " + settings.acsUrl()
                    + ")");
        }
        checkIssuer(SamlXml.child(response, SamlXml.ASSERTION, "Issuer"), false);
        checkStatus(response);

        if (doc.getElementsByTagNameNS(SamlXml.ASSERTION, "EncryptedAssertion").getLength() > 0) {
            throw new SamlRejectedException("encrypted assertions are not supported");
        }
        NodeList assertions = doc.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion");
        if (assertions.getLength() != 1) {
            throw new SamlRejectedException("the response must hold exactly one Assertion, found "
                    + assertions.getLength());
        }
        Element assertion = (Element) assertions.item(0);
        if (assertion.getParentNode() != response) {
            throw new SamlRejectedException("the Assertion is not a direct child of the Response");
        }
        String assertionId = requireId(assertion, "Assertion");
        if (assertionId.equals(responseId)) {
            throw new SamlRejectedException("the Response and the Assertion have the same ID");
        }

        // Signatures: the assertion's is required; the response's is checked when there is one.
        List<Element> assertionSignatures = SamlXml.children(assertion, SamlXml.DSIG, "Signature");
        if (assertionSignatures.isEmpty()) {
            throw new SamlRejectedException("the Assertion is not signed");
        }
        if (assertionSignatures.size() > 1) {
            throw new SamlRejectedException("the Assertion carries more than one Signature");
        }
        verifySignature(assertionSignatures.get(0), assertion, assertionId);
        List<Element> responseSignatures = SamlXml.children(response, SamlXml.DSIG, "Signature");
        if (responseSignatures.size() > 1) {
            throw new SamlRejectedException("the Response carries more than one Signature");
        }
        if (!responseSignatures.isEmpty()) {
            verifySignature(responseSignatures.get(0), response, responseId);
        }

        // The signed assertion's content: the very element whose signature was verified.
        if (!"2.0".equals(SamlXml.attribute(assertion, "Version"))) {
            throw new SamlRejectedException("not a SAML 2.0 assertion");
        }
        String issuer = checkIssuer(SamlXml.child(assertion, SamlXml.ASSERTION, "Issuer"), true);
        Duration skew = settings.clockSkew();
        Element subject = SamlXml.child(assertion, SamlXml.ASSERTION, "Subject");
        if (subject == null) {
            throw new SamlRejectedException("the Assertion has no Subject");
        }
        Element nameIdElement = SamlXml.child(subject, SamlXml.ASSERTION, "NameID");
        if (nameIdElement == null) {
            throw new SamlRejectedException("the Subject has no (unencrypted) NameID");
        }
        for (Node n = nameIdElement.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() != Node.TEXT_NODE && n.getNodeType() != Node.CDATA_SECTION_NODE) {
                throw new SamlRejectedException("the NameID holds markup");
            }
        }
        String nameId = SamlXml.text(nameIdElement);
        if (nameId.isEmpty()) {
            throw new SamlRejectedException("the NameID is empty");
        }
        String responseInResponseTo = SamlXml.attribute(response, "InResponseTo");
        Bearer bearer = bearerConfirmation(subject, responseInResponseTo, now);
        Instant conditionsEnd = checkConditions(SamlXml.child(assertion, SamlXml.ASSERTION, "Conditions"), now);
        String requestId = responseInResponseTo != null ? responseInResponseTo : bearer.inResponseTo();
        Instant expiresAt = (conditionsEnd == null || bearer.notOnOrAfter().isAfter(conditionsEnd)
                ? bearer.notOnOrAfter() : conditionsEnd).plus(skew);
        return new Validated(issuer, assertionId, nameId, requestId, expiresAt, attributes(assertion));
    }

    // ---- parsing ---------------------------------------------------------------------------------------------------

    private static Document parse(String samlResponse) throws SamlRejectedException {
        if (samlResponse == null || samlResponse.isBlank()) {
            throw new SamlRejectedException("no SAMLResponse");
        }
        if (samlResponse.length() > MAX_RESPONSE_CHARS) {
            throw new SamlRejectedException("SAMLResponse too large");
        }
        byte[] xml;
        try {
            // line breaks and blanks are tolerated (IdPs wrap base64); any other character outside base64 is not
            xml = Base64.getDecoder().decode(WHITESPACE.matcher(samlResponse).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new SamlRejectedException("SAMLResponse is not base64");
        }
        try {
            return SamlXml.parse(xml);
        } catch (SAXException e) {
            throw new SamlRejectedException("SAMLResponse is not well-formed XML or has a DOCTYPE: " + e.getMessage());
        }
    }

    private static String requireId(Element e, String what) throws SamlRejectedException {
        String id = SamlXml.attribute(e, "ID");
        if (id == null || id.isBlank()) {
            throw new SamlRejectedException("the " + what + " has no ID");
        }
        if (!XS_ID.matcher(id).matches()) {
            throw new SamlRejectedException("the " + what + "'s ID is not an xs:ID");
        }
        return id;
    }

    private String checkIssuer(Element issuer, boolean required) throws SamlRejectedException {
        if (issuer == null) {
            if (required) {
                throw new SamlRejectedException("the Assertion has no Issuer");
            }
            return null;
        }
        String format = SamlXml.attribute(issuer, "Format");
        if (format != null && !format.equals(SamlXml.NAMEID_ENTITY)) {
            throw new SamlRejectedException("the Issuer's Format is not an entity id: " + format);
        }
        String value = SamlXml.text(issuer);
        if (!value.equals(settings.idp().entityId())) {
            throw new SamlRejectedException("wrong Issuer: " + value + " (expected " + settings.idp().entityId() + ")");
        }
        return value;
    }

    private static void checkStatus(Element response) throws SamlRejectedException {
        Element status = SamlXml.child(response, SamlXml.PROTOCOL, "Status");
        Element code = status == null ? null : SamlXml.child(status, SamlXml.PROTOCOL, "StatusCode");
        String value = code == null ? null : SamlXml.attribute(code, "Value");
        if (!SamlXml.STATUS_SUCCESS.equals(value)) {
            throw new SamlRejectedException("the IdP answered status " + value);
        }
    }

    // ---- signature -------------------------------------------------------------------------------------------------

    /**
     * Verifies an enveloped signature of {@code signed} against the IdP's certificates. Only {@code signed} is
     * resolvable by ID during validation, and the single reference must name it.
     */
    private void verifySignature(Element signature, Element signed, String id) throws SamlRejectedException {
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM"); // not specified as thread-safe
        XMLSignatureException lastError = null;
        for (X509Certificate certificate : settings.idp().signingCertificates()) {
            Key key = certificate.getPublicKey();
            DOMValidateContext context = new DOMValidateContext(key, signature);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            context.setIdAttributeNS(signed, null, "ID");
            XMLSignature xmlSignature;
            try {
                xmlSignature = signatures.unmarshalXMLSignature(context);
            } catch (MarshalException e) {
                throw new SamlRejectedException("unreadable Signature: " + e.getMessage());
            }
            checkAlgorithms(xmlSignature.getSignedInfo(), id, signed.getLocalName());
            try {
                if (xmlSignature.validate(context)) {
                    return;
                }
            } catch (XMLSignatureException e) {
                lastError = e; // e.g. a key of another type than the signature method: try the next certificate
            }
        }
        throw new SamlRejectedException("the " + signed.getLocalName() + "'s signature is not valid for the IdP's "
                + "certificates" + (lastError == null ? "" : " (" + lastError.getMessage() + ")"));
    }

    private static void checkAlgorithms(SignedInfo info, String id, String what) throws SamlRejectedException {
        String c14n = info.getCanonicalizationMethod().getAlgorithm();
        if (!CANONICALIZATIONS.contains(c14n)) {
            throw new SamlRejectedException("canonicalization not accepted: " + c14n);
        }
        String method = info.getSignatureMethod().getAlgorithm();
        if (!SIGNATURE_METHODS.contains(method)) {
            throw new SamlRejectedException("signature algorithm not accepted: " + method);
        }
        List<?> references = info.getReferences();
        if (references.size() != 1) {
            throw new SamlRejectedException("the " + what + "'s signature must have exactly one Reference, found "
                    + references.size());
        }
        Reference reference = (Reference) references.get(0);
        if (!("#" + id).equals(reference.getURI())) {
            throw new SamlRejectedException("the " + what + "'s signature does not reference it (URI "
                    + reference.getURI() + ")");
        }
        String digest = reference.getDigestMethod().getAlgorithm();
        if (!DIGEST_METHODS.contains(digest)) {
            throw new SamlRejectedException("digest algorithm not accepted: " + digest);
        }
        for (Object t : reference.getTransforms()) {
            String transform = ((Transform) t).getAlgorithm();
            if (!TRANSFORMS.contains(transform)) {
                throw new SamlRejectedException("transform not accepted: " + transform);
            }
        }
    }

    // ---- subject confirmation and conditions -----------------------------------------------------------------------

    private record Bearer(Instant notOnOrAfter, String inResponseTo) {
    }

    /** The first bearer confirmation that fits (recipient, window, request); the reasons of the others otherwise. */
    private Bearer bearerConfirmation(Element subject, String responseInResponseTo, Instant now)
            throws SamlRejectedException {
        List<String> problems = new ArrayList<>();
        Duration skew = settings.clockSkew();
        for (Element confirmation : SamlXml.children(subject, SamlXml.ASSERTION, "SubjectConfirmation")) {
            if (!SamlXml.CM_BEARER.equals(SamlXml.attribute(confirmation, "Method"))) {
                continue;
            }
            Element data = SamlXml.child(confirmation, SamlXml.ASSERTION, "SubjectConfirmationData");
            if (data == null) {
                problems.add("bearer confirmation without SubjectConfirmationData");
                continue;
            }
            String recipient = SamlXml.attribute(data, "Recipient");
            if (!settings.acsUrl().equals(recipient)) {
                problems.add("wrong Recipient: " + recipient + " (expected " + settings.acsUrl() + ")");
                continue;
            }
            Instant notOnOrAfter = time(data, "NotOnOrAfter");
            if (notOnOrAfter == null) {
                problems.add("bearer confirmation without NotOnOrAfter");
                continue;
            }
            if (!now.isBefore(notOnOrAfter.plus(skew))) {
                problems.add("expired: the bearer confirmation ended at " + notOnOrAfter);
                continue;
            }
            Instant notBefore = time(data, "NotBefore");
            if (notBefore != null && now.isBefore(notBefore.minus(skew))) {
                problems.add("not yet valid: the bearer confirmation starts at " + notBefore);
                continue;
            }
            String inResponseTo = SamlXml.attribute(data, "InResponseTo");
            if (inResponseTo != null && responseInResponseTo != null && !inResponseTo.equals(responseInResponseTo)) {
                problems.add("the bearer confirmation answers another request than the Response");
                continue;
            }
            return new Bearer(notOnOrAfter, inResponseTo);
        }
        throw new SamlRejectedException(problems.isEmpty() ? "the Subject has no bearer SubjectConfirmation"
                : String.join("; ", problems));
    }

    /** Checks the Conditions (required, with an audience restriction); answers their NotOnOrAfter, or null. */
    private Instant checkConditions(Element conditions, Instant now) throws SamlRejectedException {
        if (conditions == null) {
            throw new SamlRejectedException("the Assertion has no Conditions");
        }
        Duration skew = settings.clockSkew();
        Instant notBefore = time(conditions, "NotBefore");
        if (notBefore != null && now.isBefore(notBefore.minus(skew))) {
            throw new SamlRejectedException("not yet valid: the Conditions start at " + notBefore);
        }
        Instant notOnOrAfter = time(conditions, "NotOnOrAfter");
        if (notOnOrAfter != null && !now.isBefore(notOnOrAfter.plus(skew))) {
            throw new SamlRejectedException("expired: the Conditions ended at " + notOnOrAfter);
        }
        List<Element> restrictions = SamlXml.children(conditions, SamlXml.ASSERTION, "AudienceRestriction");
        if (restrictions.isEmpty()) {
            throw new SamlRejectedException("the Conditions have no AudienceRestriction");
        }
        for (Element restriction : restrictions) {
            List<String> audiences = new ArrayList<>();
            for (Element audience : SamlXml.children(restriction, SamlXml.ASSERTION, "Audience")) {
                audiences.add(SamlXml.text(audience));
            }
            if (!audiences.contains(settings.spEntityId())) {
                throw new SamlRejectedException("wrong audience: " + audiences + " (expected "
                        + settings.spEntityId() + ")");
            }
        }
        return notOnOrAfter;
    }

    /** An xs:dateTime attribute (UTC when it has no offset), or null when absent. */
    static Instant time(Element e, String attribute) throws SamlRejectedException {
        String value = SamlXml.attribute(e, attribute);
        if (value == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value.trim(), OffsetDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof OffsetDateTime o ? o.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
            throw new SamlRejectedException("unreadable " + attribute + ": " + value);
        }
    }

    // ---- attributes ------------------------------------------------------------------------------------------------

    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Element statement : SamlXml.children(assertion, SamlXml.ASSERTION, "AttributeStatement")) {
            for (Element attribute : SamlXml.children(statement, SamlXml.ASSERTION, "Attribute")) {
                List<String> list = new ArrayList<>();
                for (Element value : SamlXml.children(attribute, SamlXml.ASSERTION, "AttributeValue")) {
                    list.add(SamlXml.text(value));
                }
                String name = SamlXml.attribute(attribute, "Name");
                String friendly = SamlXml.attribute(attribute, "FriendlyName");
                if (name != null && !name.isEmpty()) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).addAll(list);
                }
                if (friendly != null && !friendly.isEmpty() && !friendly.equals(name)) {
                    values.computeIfAbsent(friendly, k -> new ArrayList<>()).addAll(list);
                }
            }
        }
        values.replaceAll((k, v) -> List.copyOf(v));
        return values;
    }
}
