package org.zou4j.internal.auth.saml;

/**
 * A SAML response (or the IdP metadata) that is refused, with the reason in the message. The reason is for logs and
 * the embedding application; HTTP clients get a generic answer. Never carries key material.
 */
public final class SamlRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public SamlRejectedException(String reason) {
        super(reason);
    }

    public SamlRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
