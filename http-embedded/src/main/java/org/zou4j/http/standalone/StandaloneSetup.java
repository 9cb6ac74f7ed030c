package org.zou4j.http.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.OidcConfig;
import org.zou4j.SamlConfig;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.mail.MailSender;
import org.zou4j.mail.OutboxMailSender;
import org.zou4j.mail.SmtpMailSender;
import org.zou4j.mail.SmtpSettings;

/** Turns the standalone server's {@link Settings} into engine, mail and HTTP settings. */
final class StandaloneSetup {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneSetup.class);
    static final String DEFAULT_SENDER = "no-reply@your-studio.com";

    private StandaloneSetup() {
    }

    /** How mail leaves the server, and the line said about it at start-up. */
    record Mail(MailSender sender, String description) {
    }

    /**
     * SMTP when {@code MAIL_SERVER} is set; otherwise the {@code .eml} outbox of the data directory, so that every
     * mail feature (password reset, e-mailed codes, invitations) works out of the box; nothing when
     * {@code MAIL_ENABLED} is false (mails are dropped and logged, as Zou's {@code send_email} skips them).
     */
    static Mail mail(Settings s, Path dataDir) {
        String from = s.get(ConfigKeys.MAIL_DEFAULT_SENDER, DEFAULT_SENDER);
        if (!s.bool(ConfigKeys.MAIL_ENABLED, true)) {
            return new Mail(message -> LOG.info("MAIL_ENABLED is false: mail \"{}\" to {} recipient(s) not sent",
                    message.subject(), message.to().size()), "mail disabled (MAIL_ENABLED=false): mails are dropped");
        }
        String server = s.get(ConfigKeys.MAIL_SERVER);
        if (server == null) {
            Path outbox = dataDir.resolve("outbox");
            return new Mail(new OutboxMailSender(outbox, from), "no SMTP server configured (MAIL_SERVER): mails are"
                    + " written as .eml files to " + outbox.toAbsolutePath());
        }
        return new Mail(new SmtpMailSender(smtp(s)), "mail goes through SMTP " + server + ":"
                + s.integer(ConfigKeys.MAIL_PORT, 25, 1, 65535));
    }

    /** Checks the mail settings before anything is created (an unusable value is exit status 2). */
    static void smtpCheck(Settings s) {
        s.bool(ConfigKeys.MAIL_ENABLED, true);
        if (s.get(ConfigKeys.MAIL_SERVER) != null) {
            smtp(s);
        }
    }

    /** Zou's {@code MAIL_*} settings as SMTP settings. */
    static SmtpSettings smtp(Settings s) {
        SmtpSettings.Builder b = SmtpSettings.builder().host(s.get(ConfigKeys.MAIL_SERVER, "localhost"))
                .port(s.integer(ConfigKeys.MAIL_PORT, 25, 1, 65535))
                .security(s.bool(ConfigKeys.MAIL_USE_TLS, false), s.bool(ConfigKeys.MAIL_USE_SSL, false))
                .fromAddress(s.get(ConfigKeys.MAIL_DEFAULT_SENDER, DEFAULT_SENDER));
        String user = s.get(ConfigKeys.MAIL_USERNAME);
        if (user != null) {
            b.credentials(user, s.get(ConfigKeys.MAIL_PASSWORD, ""));
        } else if (s.get(ConfigKeys.MAIL_PASSWORD) != null) {
            throw new Settings.ConfigException("MAIL_PASSWORD (" + s.source(ConfigKeys.MAIL_PASSWORD)
                    + ") needs MAIL_USERNAME");
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new Settings.ConfigException("mail settings: " + e.getMessage());
        }
    }

    /** Zou's {@code DOMAIN_PROTOCOL://DOMAIN_NAME}. */
    static String publicUrl(Settings s) {
        String protocol = s.get(ConfigKeys.DOMAIN_PROTOCOL, "https");
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw s.bad(ConfigKeys.DOMAIN_PROTOCOL, protocol, "http or https");
        }
        String domain = s.get(ConfigKeys.DOMAIN_NAME, "localhost:8080");
        try {
            URI uri = new URI(protocol + "://" + domain);
            if (uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    && !uri.getRawPath().equals("/")) {
                throw s.bad(ConfigKeys.DOMAIN_NAME, domain, "a host name with an optional :port");
            }
        } catch (java.net.URISyntaxException e) {
            throw s.bad(ConfigKeys.DOMAIN_NAME, domain, "a host name with an optional :port");
        }
        return protocol + "://" + domain;
    }

    /** Applies every engine setting of {@code s} to the builder. */
    static void configure(ZouEngine.Builder b, Settings s) {
        try {
            b.publicUrl(publicUrl(s));
            b.enforceTwoFactor(s.bool(ConfigKeys.ENFORCE_2FA, false), s.list(ConfigKeys.TWO_FA_EXEMPT_USERS, ","));
            b.userLimit(s.integer(ConfigKeys.USER_LIMIT, 100, 0, Integer.MAX_VALUE));
            if (s.get(ConfigKeys.DEFAULT_TIMEZONE) != null) {
                b.defaultTimezone(s.get(ConfigKeys.DEFAULT_TIMEZONE));
            }
            if (s.get(ConfigKeys.DEFAULT_LOCALE) != null) {
                b.defaultLocale(s.get(ConfigKeys.DEFAULT_LOCALE));
            }
            b.minPasswordLength(s.integer(ConfigKeys.MIN_PASSWORD_LENGTH, 8, 1, 1024));
            b.bcryptCost(s.integer(ConfigKeys.BCRYPT_LOG_ROUNDS, 12, 4, 16));
            if (s.get(ConfigKeys.ADMIN_TOKEN) != null) {
                b.adminToken(s.get(ConfigKeys.ADMIN_TOKEN));
            }
        } catch (IllegalArgumentException e) {
            throw new Settings.ConfigException(e.getMessage());
        }
        if (s.bool(ConfigKeys.SAML_ENABLED, false)) {
            b.saml(saml(s));
        }
        if (s.bool(ConfigKeys.OIDC_ENABLED, false)) {
            b.oidc(oidc(s));
        }
    }

    /** {@code OIDC_ENABLED} with the discovery URL, client id and secret (required) and Zou's other OIDC_ settings. */
    static OidcConfig oidc(Settings s) {
        for (String required : List.of(ConfigKeys.OIDC_DISCOVERY_URL, ConfigKeys.OIDC_CLIENT_ID,
                ConfigKeys.OIDC_CLIENT_SECRET)) {
            if (s.get(required) == null || s.get(required).isBlank()) {
                throw new Settings.ConfigException("OIDC_ENABLED (" + s.source(ConfigKeys.OIDC_ENABLED) + ") needs "
                        + required);
            }
        }
        try {
            return OidcConfig.builder()
                    .discoveryUrl(new URI(s.get(ConfigKeys.OIDC_DISCOVERY_URL)))
                    .clientId(s.get(ConfigKeys.OIDC_CLIENT_ID))
                    .clientSecret(s.get(ConfigKeys.OIDC_CLIENT_SECRET))
                    .idpName(s.get(ConfigKeys.OIDC_IDP_NAME, ""))
                    .scopes(s.get(ConfigKeys.OIDC_SCOPES, "openid email profile"))
                    .emailClaim(s.get(ConfigKeys.OIDC_EMAIL_CLAIM, "email"))
                    .givenNameClaim(s.get(ConfigKeys.OIDC_GIVEN_NAME_CLAIM, "given_name"))
                    .familyNameClaim(s.get(ConfigKeys.OIDC_FAMILY_NAME_CLAIM, "family_name"))
                    .requireEmailVerified(s.bool(ConfigKeys.OIDC_REQUIRE_EMAIL_VERIFIED, true))
                    .skipTwoFactor(s.bool(ConfigKeys.OIDC_SKIP_2FA, false))
                    .build();
        } catch (java.net.URISyntaxException | IllegalArgumentException | IllegalStateException e) {
            throw new Settings.ConfigException("OIDC settings: " + e.getMessage());
        }
    }

    /** {@code SAML_ENABLED} with {@code SAML_METADATA_URL} (http(s), fetched once at start, or file:) and name. */
    static SamlConfig saml(Settings s) {
        String url = s.get(ConfigKeys.SAML_METADATA_URL);
        if (url == null) {
            throw new Settings.ConfigException("SAML_ENABLED (" + s.source(ConfigKeys.SAML_ENABLED)
                    + ") needs SAML_METADATA_URL, the identity provider's metadata");
        }
        SamlConfig.Builder b = SamlConfig.builder().idpName(s.get(ConfigKeys.SAML_IDP_NAME, ""));
        try {
            URI uri = new URI(url);
            if ("file".equals(uri.getScheme())) {
                b.idpMetadata(Path.of(uri));
            } else {
                b.idpMetadataUrl(uri);
            }
            return b.build();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new Settings.ConfigException("SAML_METADATA_URL (" + s.source(ConfigKeys.SAML_METADATA_URL)
                    + "): " + e.getMessage());
        }
    }

    /** {@code ZOU_MAX_UPLOAD_MB} in bytes (default 2 GiB). */
    static long maxUploadBytes(Settings s) {
        return s.integer(ConfigKeys.MAX_UPLOAD_MB, 2048, 1, 1024 * 1024) * 1024L * 1024L;
    }

    /** Applies the HTTP settings of {@code s} (CORS, upload limit) to the server builder. */
    static void configure(ZouHttpServer.Builder b, Settings s) {
        b.maxUploadSize(maxUploadBytes(s));
        List<String> origins = s.list(ConfigKeys.CORS_ALLOWED_ORIGINS, ";");
        if (!origins.isEmpty()) {
            b.corsAllowedOrigins(origins);
        }
    }
}
