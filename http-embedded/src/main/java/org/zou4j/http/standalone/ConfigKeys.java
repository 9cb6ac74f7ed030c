package org.zou4j.http.standalone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting {@code ./zou4j serve} honours, by its name as an environment variable and as a key of the
 * {@code --config} file. Zou's own names (zou/app/config.py) where Zou has the setting, {@code ZOU_*} for what only
 * the standalone server has. The README's table lists the same keys.
 */
final class ConfigKeys {

    /**
     * One setting.
     *
     * @param name         environment variable and config-file key
     * @param flag         the command-line option that sets it too, or null
     * @param defaultValue shown in the help (null: none)
     * @param help         one line for {@code --help}
     */
    record Key(String name, String flag, String defaultValue, String help) {
    }

    static final String HOST = "ZOU_HOST";
    static final String PORT = "ZOU_PORT";
    static final String DATA_DIR = "ZOU_DATA_DIR";
    static final String PLUGIN_FOLDER = "PLUGIN_FOLDER";
    static final String DB_URL = "ZOU_DB_URL";
    static final String UI_DIR = "ZOU_UI_DIR";
    static final String SECRET_KEY = "ZOU_SECRET_KEY";
    static final String ADMIN_EMAIL = "ZOU_ADMIN_EMAIL";
    static final String ADMIN_PASSWORD = "ZOU_ADMIN_PASSWORD";
    static final String DB_USER = "ZOU_DB_USER";
    static final String DB_PASSWORD = "ZOU_DB_PASSWORD";
    static final String MAIL_ENABLED = "MAIL_ENABLED";
    static final String MAIL_SERVER = "MAIL_SERVER";
    static final String MAIL_PORT = "MAIL_PORT";
    static final String MAIL_USERNAME = "MAIL_USERNAME";
    static final String MAIL_PASSWORD = "MAIL_PASSWORD";
    static final String MAIL_USE_TLS = "MAIL_USE_TLS";
    static final String MAIL_USE_SSL = "MAIL_USE_SSL";
    static final String MAIL_DEFAULT_SENDER = "MAIL_DEFAULT_SENDER";
    static final String DOMAIN_NAME = "DOMAIN_NAME";
    static final String DOMAIN_PROTOCOL = "DOMAIN_PROTOCOL";
    static final String ENFORCE_2FA = "ENFORCE_2FA";
    static final String TWO_FA_EXEMPT_USERS = "2FA_EXEMPT_USERS";
    static final String SAML_ENABLED = "SAML_ENABLED";
    static final String SAML_IDP_NAME = "SAML_IDP_NAME";
    static final String SAML_METADATA_URL = "SAML_METADATA_URL";
    static final String OIDC_ENABLED = "OIDC_ENABLED";
    static final String OIDC_IDP_NAME = "OIDC_IDP_NAME";
    static final String OIDC_DISCOVERY_URL = "OIDC_DISCOVERY_URL";
    static final String OIDC_CLIENT_ID = "OIDC_CLIENT_ID";
    static final String OIDC_CLIENT_SECRET = "OIDC_CLIENT_SECRET";
    static final String OIDC_SCOPES = "OIDC_SCOPES";
    static final String OIDC_EMAIL_CLAIM = "OIDC_EMAIL_CLAIM";
    static final String OIDC_GIVEN_NAME_CLAIM = "OIDC_GIVEN_NAME_CLAIM";
    static final String OIDC_FAMILY_NAME_CLAIM = "OIDC_FAMILY_NAME_CLAIM";
    static final String OIDC_REQUIRE_EMAIL_VERIFIED = "OIDC_REQUIRE_EMAIL_VERIFIED";
    static final String OIDC_SKIP_2FA = "OIDC_SKIP_2FA";
    static final String ADMIN_TOKEN = "ADMIN_TOKEN";
    static final String USER_LIMIT = "USER_LIMIT";
    static final String DEFAULT_TIMEZONE = "DEFAULT_TIMEZONE";
    static final String DEFAULT_LOCALE = "DEFAULT_LOCALE";
    static final String MIN_PASSWORD_LENGTH = "MIN_PASSWORD_LENGTH";
    static final String BCRYPT_LOG_ROUNDS = "BCRYPT_LOG_ROUNDS";
    static final String CORS_ALLOWED_ORIGINS = "CORS_ALLOWED_ORIGINS";
    static final String MAX_UPLOAD_MB = "ZOU_MAX_UPLOAD_MB";

    static final List<Key> ALL = List.of(
            new Key(HOST, "--host", "127.0.0.1", "interface to bind"),
            new Key(PORT, "--port", "8080", "port to listen on (0 = any free port)"),
            new Key(DATA_DIR, "--data-dir", "./zou-data", "data directory: H2 database, secret key, files, outbox"),
            new Key(PLUGIN_FOLDER, "--plugins-dir", null, "directory of plugin jars to load (Zou's name)"),
            new Key(DB_URL, "--db-url", null, "jdbc:postgresql://... shared PostgreSQL instead of the embedded H2"),
            new Key(UI_DIR, "--ui-dir", null, "a built Kitsu (its dist/) to serve at /, the API staying at /api"),
            new Key(SECRET_KEY, null, "generated into DATA_DIR/secret.key",
                    "token signing secret, at least 32 bytes (required with a shared database)"),
            new Key(ADMIN_EMAIL, null, "admin@example.com", "first admin of an empty database"),
            new Key(ADMIN_PASSWORD, null, "generated, printed once", "password of that first admin"),
            new Key(DB_USER, null, null, "PostgreSQL user (with --db-url)"),
            new Key(DB_PASSWORD, null, null, "PostgreSQL password (with --db-url)"),
            new Key(MAIL_ENABLED, null, "true", "false: mails are dropped (logged), as in Zou"),
            new Key(MAIL_SERVER, null, "none: mails go to DATA_DIR/outbox as .eml files",
                    "SMTP server host; set it to send mail through SMTP"),
            new Key(MAIL_PORT, null, "25", "SMTP port"),
            new Key(MAIL_USERNAME, null, null, "SMTP AUTH user (none: no AUTH)"),
            new Key(MAIL_PASSWORD, null, null, "SMTP AUTH password"),
            new Key(MAIL_USE_TLS, null, "false", "STARTTLS, required once asked for"),
            new Key(MAIL_USE_SSL, null, "false", "TLS from the first byte (usually port 465); wins over MAIL_USE_TLS"),
            new Key(MAIL_DEFAULT_SENDER, null, "no-reply@your-studio.com", "From of the mails"),
            new Key(DOMAIN_NAME, null, "localhost:8080", "host[:port] of the public URL, used in mailed links"),
            new Key(DOMAIN_PROTOCOL, null, "https", "scheme of the public URL"),
            new Key(ENFORCE_2FA, null, "false", "persons without a second factor may only enrol one"),
            new Key(TWO_FA_EXEMPT_USERS, null, null, "comma-separated e-mails exempt from ENFORCE_2FA"),
            new Key(SAML_ENABLED, null, "false", "SAML single sign-on"),
            new Key(SAML_IDP_NAME, null, null, "name of the identity provider on Kitsu's login button"),
            new Key(SAML_METADATA_URL, null, null, "http(s) URL of the IdP metadata (or file:/path)"),
            new Key(OIDC_ENABLED, null, "false", "OpenID Connect sign-in"),
            new Key(OIDC_IDP_NAME, null, null, "name of the OpenID provider on Kitsu's login button"),
            new Key(OIDC_DISCOVERY_URL, null, null, "the provider's .well-known/openid-configuration URL"),
            new Key(OIDC_CLIENT_ID, null, null, "this server's client id at the provider"),
            new Key(OIDC_CLIENT_SECRET, null, null, "this server's client secret at the provider"),
            new Key(OIDC_SCOPES, null, "openid email profile", "scopes asked for"),
            new Key(OIDC_EMAIL_CLAIM, null, "email", "claim holding the e-mail address"),
            new Key(OIDC_GIVEN_NAME_CLAIM, null, "given_name", "claim holding the first name"),
            new Key(OIDC_FAMILY_NAME_CLAIM, null, "family_name", "claim holding the last name"),
            new Key(OIDC_REQUIRE_EMAIL_VERIFIED, null, "true", "require email_verified: true"),
            new Key(OIDC_SKIP_2FA, null, "false", "OIDC sessions skip ENFORCE_2FA's enrolment"),
            new Key(ADMIN_TOKEN, null, null, "bearer token of GET /admin/config/check (>= 16 chars; none: closed)"),
            new Key(USER_LIMIT, null, "100", "most active persons (bots and guests aside)"),
            new Key(DEFAULT_TIMEZONE, null, "Europe/Paris", "time zone GET /config answers"),
            new Key(DEFAULT_LOCALE, null, "en_US", "locale GET /config answers"),
            new Key(MIN_PASSWORD_LENGTH, null, "8", "shortest password accepted"),
            new Key(BCRYPT_LOG_ROUNDS, null, "12", "bcrypt cost of new password hashes (4-16)"),
            new Key(CORS_ALLOWED_ORIGINS, null, null, "semicolon-separated origins allowed by CORS (none: off)"),
            new Key(MAX_UPLOAD_MB, "--max-upload-mb", "2048",
                    "largest upload in MiB (previews, movies, attachments), 413 above; spooled to DATA_DIR/tmp"));

    static final Map<String, Key> BY_NAME;

    static {
        Map<String, Key> byName = new LinkedHashMap<>();
        for (Key k : ALL) {
            byName.put(k.name(), k);
        }
        BY_NAME = Map.copyOf(byName);
    }

    /**
     * Zou settings zou4j does not offer: named as such when found in a config file (they do nothing here). The
     * database ones differ on purpose: zou4j takes one JDBC URL ({@code ZOU_DB_URL}).
     */
    static final Set<String> ZOU_NOT_SUPPORTED = Set.of("SECRET_KEY", "DB_HOST", "DB_PORT", "DB_USERNAME",
            "DB_PASSWORD", "DB_DATABASE", "DB_DRIVER", "DB_POOL_SIZE", "DB_MAX_OVERFLOW", "KV_HOST", "KV_PORT",
            "KV_PASSWORD", "CACHE_TYPE", "AUTH_STRATEGY", "INDEXER_HOST", "INDEXER_PORT", "INDEXER_KEY",
            "PREVIEW_FOLDER", "THUMBNAIL_FOLDER", "TMP_DIR", "FS_BACKEND", "ENABLE_JOB_QUEUE", "LDAP_HOST",
            "SAML_SKIP_2FA", "SENTRY_ENABLED", "PROMETHEUS_METRICS_ENABLED", "MAIL_DEBUG",
            "MAIL_DEBUG_BODY", "MAIL_CHECK_DELIVERABILITY", "PROTECTED_ACCOUNTS",
            "MAX_IMAGE_PIXELS", "MAX_CONTENT_LENGTH", "NB_RECORDS_PER_PAGE", "DEBUG", "EVENT_STREAM_HOST",
            "EVENT_STREAM_PORT", "IS_SELF_HOSTED", "CRISP_TOKEN", "REMOVE_FILES");

    private ConfigKeys() {
    }

    /** The keys, one per line, for {@code --help}. */
    static String help() {
        StringBuilder b = new StringBuilder();
        for (Key k : ALL) {
            String name = k.name() + (k.flag() != null ? " (" + k.flag() + ")" : "");
            b.append(String.format("  %-36s %s%s%n", name, k.help(),
                    k.defaultValue() != null ? "; default: " + k.defaultValue() : ""));
        }
        return b.toString();
    }
}
