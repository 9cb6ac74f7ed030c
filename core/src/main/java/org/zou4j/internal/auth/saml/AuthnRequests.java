package org.zou4j.internal.auth.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Deflater;

/**
 * Unsigned SAML 2.0 AuthnRequests for the HTTP-Redirect binding (as Zou sends them): raw DEFLATE, base64, then URL
 * encoding into the {@code SAMLRequest} parameter of the IdP's single sign-on URL. The response is asked for on the
 * HTTP-POST binding at our ACS URL. No RelayState is sent: the request id, kept in the database, ties the answer to
 * the request.
 */
final class AuthnRequests {
    private final SecureRandom random = new SecureRandom();

    /** A new request: its id and the URL to send the browser to. */
    record Outgoing(String id, String location) {
    }

    Outgoing create(SamlSettings settings, Instant now) {
        byte[] idBytes = new byte[20];
        random.nextBytes(idBytes);
        String id = "_" + HexFormat.of().formatHex(idBytes); // an xs:ID starts with a letter or '_'
        String xml = "<samlp:AuthnRequest xmlns:samlp=\"" + SamlXml.PROTOCOL + "\" xmlns:saml=\"" + SamlXml.ASSERTION
                + "\" ID=\"" + id + "\" Version=\"2.0\" IssueInstant=\""
                + DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS))
                + "\" Destination=\"" + escape(settings.idp().ssoRedirectUrl())
                + "\" AssertionConsumerServiceURL=\"" + escape(settings.acsUrl())
                + "\" ProtocolBinding=\"" + SamlXml.BINDING_POST + "\">"
                + "<saml:Issuer>" + escape(settings.spEntityId()) + "</saml:Issuer>"
                + "<samlp:NameIDPolicy AllowCreate=\"true\"/>"
                + "</samlp:AuthnRequest>";
        String encoded = Base64.getEncoder().encodeToString(deflate(xml.getBytes(StandardCharsets.UTF_8)));
        String sso = settings.idp().ssoRedirectUrl();
        String location = sso + (sso.contains("?") ? "&" : "?") + "SAMLRequest="
                + URLEncoder.encode(encoded, StandardCharsets.UTF_8);
        return new Outgoing(id, location);
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Escapes text for an XML attribute value or element content. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
