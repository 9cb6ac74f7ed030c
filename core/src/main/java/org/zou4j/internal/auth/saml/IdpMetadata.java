package org.zou4j.internal.auth.saml;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What zou4j needs from an identity provider's SAML 2.0 metadata: its entity id, its single sign-on URL for the
 * HTTP-Redirect binding, and the certificates its assertions are signed with (several during a key rollover).
 *
 * <p>The metadata is trusted configuration (the administrator supplies it); its own signature and {@code validUntil}
 * are not checked, nor are the certificates' validity dates (SAML trusts the key a certificate carries, and IdPs
 * commonly use long-lived self-signed ones).
 *
 * @param entityId            the IdP's entity id, expected as the {@code Issuer} of responses and assertions
 * @param ssoRedirectUrl      where {@code GET /auth/saml/login} sends the browser
 * @param signingCertificates the keys a response may be signed with
 */
public record IdpMetadata(String entityId, String ssoRedirectUrl, List<X509Certificate> signingCertificates) {

    /** Copies the list. */
    public IdpMetadata {
        signingCertificates = List.copyOf(signingCertificates);
    }

    /**
     * Reads metadata XML: an {@code EntityDescriptor} (or an {@code EntitiesDescriptor} holding exactly one identity provider).
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static IdpMetadata parse(String xml) {
        try {
            return parse(SamlXml.parse(xml));
        } catch (SAXException e) {
            throw notXml(e);
        }
    }

    /** As {@link #parse(String)} for the bytes of a file or an HTTP answer (the XML declaration names the encoding). */
    public static IdpMetadata parse(byte[] xml) {
        try {
            return parse(SamlXml.parse(xml));
        } catch (SAXException e) {
            throw notXml(e);
        }
    }

    private static IllegalArgumentException notXml(SAXException e) {
        return new IllegalArgumentException("SAML IdP metadata is not well-formed XML (a DOCTYPE is not allowed): "
                + e.getMessage(), e);
    }

    private static IdpMetadata parse(Document doc) {
        Element root = doc.getDocumentElement();
        List<Element> idps = new ArrayList<>();
        if (SamlXml.is(root, SamlXml.METADATA, "EntityDescriptor")) {
            idps.add(root);
        } else if (SamlXml.is(root, SamlXml.METADATA, "EntitiesDescriptor")) {
            NodeList all = root.getElementsByTagNameNS(SamlXml.METADATA, "EntityDescriptor");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (!SamlXml.children(e, SamlXml.METADATA, "IDPSSODescriptor").isEmpty()) {
                    idps.add(e);
                }
            }
        } else {
            throw new IllegalArgumentException("SAML IdP metadata must be an md:EntityDescriptor (namespace "
                    + SamlXml.METADATA + "), found " + root.getNodeName());
        }
        if (idps.size() != 1) {
            throw new IllegalArgumentException("SAML IdP metadata must describe exactly one identity provider, found "
                    + idps.size());
        }
        Element entity = idps.get(0);
        String entityId = SamlXml.attribute(entity, "entityID");
        if (entityId == null || entityId.isBlank()) {
            throw new IllegalArgumentException("SAML IdP metadata: the EntityDescriptor has no entityID");
        }
        Element idp = onlyIdpDescriptor(entity);
        if ("true".equals(SamlXml.attribute(idp, "WantAuthnRequestsSigned"))
                || "1".equals(SamlXml.attribute(idp, "WantAuthnRequestsSigned"))) {
            throw new IllegalArgumentException("SAML IdP " + entityId + " wants signed AuthnRequests; zou4j sends "
                    + "unsigned ones (as Zou does): turn that requirement off for this service provider at the IdP");
        }
        String sso = null;
        for (Element s : SamlXml.children(idp, SamlXml.METADATA, "SingleSignOnService")) {
            if (SamlXml.BINDING_REDIRECT.equals(SamlXml.attribute(s, "Binding"))) {
                sso = SamlXml.attribute(s, "Location");
                break;
            }
        }
        if (sso == null || !(sso.startsWith("https://") || sso.startsWith("http://"))) {
            throw new IllegalArgumentException("SAML IdP " + entityId + " has no SingleSignOnService with the "
                    + "HTTP-Redirect binding and an http(s) Location");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element kd : SamlXml.children(idp, SamlXml.METADATA, "KeyDescriptor")) {
            String use = SamlXml.attribute(kd, "use");
            if (use != null && !use.equals("signing")) {
                continue;
            }
            NodeList certs = kd.getElementsByTagNameNS(SamlXml.DSIG, "X509Certificate");
            for (int i = 0; i < certs.getLength(); i++) {
                certificates.add(certificate(entityId, SamlXml.text((Element) certs.item(i))));
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("SAML IdP " + entityId + " metadata has no signing certificate "
                    + "(KeyDescriptor use=\"signing\" or without use, with a ds:X509Certificate)");
        }
        return new IdpMetadata(entityId, sso, certificates);
    }

    private static Element onlyIdpDescriptor(Element entity) {
        List<Element> found = SamlXml.children(entity, SamlXml.METADATA, "IDPSSODescriptor");
        if (found.size() != 1) {
            throw new IllegalArgumentException("SAML IdP metadata must have exactly one IDPSSODescriptor, found "
                    + found.size());
        }
        Element idp = found.get(0);
        String protocols = SamlXml.attribute(idp, "protocolSupportEnumeration");
        if (protocols == null || !List.of(protocols.trim().split("\\s+")).contains(SamlXml.PROTOCOL)) {
            throw new IllegalArgumentException("SAML IdP metadata: the IDPSSODescriptor does not support SAML 2.0 ("
                    + SamlXml.PROTOCOL + " missing from protocolSupportEnumeration)");
        }
        return idp;
    }

    private static X509Certificate certificate(String entityId, String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new IllegalArgumentException("SAML IdP " + entityId + " metadata holds an unreadable X509Certificate",
                    e);
        }
    }
}
