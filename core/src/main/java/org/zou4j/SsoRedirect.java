package org.zou4j;

import java.util.List;

/**
 * Where a single sign-on login starts ({@link ZouEngine#oidcLoginRedirect()}): the identity provider's URL to send the
 * browser to, and the cookies to set with that redirect (the login's state, which the callback checks).
 *
 * @param location the provider's authorization URL
 * @param cookies  the cookies to set
 */
public record SsoRedirect(String location, List<AuthCookie> cookies) {

    /** Copies the list. */
    public SsoRedirect {
        cookies = List.copyOf(cookies);
    }
}
