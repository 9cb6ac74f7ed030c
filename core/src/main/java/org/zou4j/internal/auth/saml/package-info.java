/**
 * SAML 2.0 single sign-on, service-provider side (reference zou-auth.md §1.12), with no dependency beyond the JDK:
 * XML signatures are checked with {@code javax.xml.crypto.dsig} over a hardened DOM parser ({@code SamlXml}).
 *
 * <ul>
 *   <li>{@link org.zou4j.internal.auth.saml.IdpMetadata}: the IdP's entity id, HTTP-Redirect SSO URL and signing
 *       certificates, from its metadata;</li>
 *   <li>{@code AuthnRequests}: unsigned AuthnRequests for the HTTP-Redirect binding;</li>
 *   <li>{@code ResponseValidator}: the signed response posted to the ACS (signature over the very assertion read,
 *       algorithms, issuer, audience, destination, recipient, validity window);</li>
 *   <li>{@code SamlStore}: pending request ids and used assertions in the database (migration V5), so any engine
 *       instance can finish a login and an assertion logs in once;</li>
 *   <li>{@link org.zou4j.internal.auth.saml.SamlService}: ties them together and hands the person to
 *       {@link org.zou4j.internal.auth.AuthService#ssoLogin}.</li>
 * </ul>
 */
package org.zou4j.internal.auth.saml;
