package org.zou4j.internal.auth.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * SAML namespaces and a hardened DOM parser: no DOCTYPE at all (so no entity expansion, no external entities, no
 * external DTD), no XInclude, the JDK's secure-processing limits, comments dropped, nothing printed to stderr.
 */
final class SamlXml {
    private SamlXml() {
    }

    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    static final String BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    static final String CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    static final String NAMEID_ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";

    private static final DocumentBuilderFactory FACTORY = factory();

    private static DocumentBuilderFactory factory() {
        // the JDK's own implementation, whatever parser the class path brings: the feature names below are its own
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("The JDK's XML parser refuses a hardening setting", e);
        }
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        // The signatures we accept canonicalize without comments, so dropping them changes no digest, and no value
        // read afterwards can be split by a comment.
        f.setIgnoringComments(true);
        f.setValidating(false);
        return f;
    }

    /** Parses a document. */
    static Document parse(byte[] xml) throws SAXException {
        return parse(new InputSource(new ByteArrayInputStream(xml)));
    }

    /** Parses a document. */
    static Document parse(String xml) throws SAXException {
        return parse(new InputSource(new StringReader(xml)));
    }

    private static Document parse(InputSource source) throws SAXException {
        DocumentBuilder builder;
        synchronized (FACTORY) { // a factory is not specified as thread-safe; a builder is used by one thread only
            try {
                builder = FACTORY.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
        builder.setErrorHandler(THROWING);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
        });
        try {
            return builder.parse(source);
        } catch (IOException e) {
            throw new SAXException("unreadable XML", e);
        }
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // ignored
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** Whether {@code node} is an element with this namespace and local name. */
    static boolean is(Node node, String ns, String localName) {
        return node instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    /** The direct child elements of {@code parent} with this namespace and local name, in document order. */
    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, localName)) {
                found.add((Element) n);
            }
        }
        return found;
    }

    /** The only direct child element with this name, or null when there is none; more than one is an error. */
    static Element child(Element parent, String ns, String localName) throws SamlRejectedException {
        List<Element> found = children(parent, ns, localName);
        if (found.size() > 1) {
            throw new SamlRejectedException("more than one " + localName + " in " + parent.getLocalName());
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** An attribute's value, or null when the element does not carry it. */
    static String attribute(Element e, String name) {
        return e.hasAttributeNS(null, name) ? e.getAttributeNS(null, name) : null;
    }

    /** The element's text, trimmed. */
    static String text(Element e) {
        return e.getTextContent() == null ? "" : e.getTextContent().trim();
    }
}
