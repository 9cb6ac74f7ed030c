package org.zou4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.zou4j.internal.auth.saml.IdpMetadata;
import org.zou4j.internal.auth.saml.SamlSettings;

/**
 * SAML 2.0 single sign-on settings for {@link ZouEngine.Builder#saml(SamlConfig)} (Zou's {@code SAML_ENABLED},
 * {@code SAML_METADATA_URL}, {@code SAML_IDP_NAME}). The identity provider is described by its metadata, from a
 * string, a file or a URL (fetched once, when the config is built). Immutable.
 *
 * <pre>{@code
 * ZouEngine.builder().publicUrl("https://kitsu.studio.example")
 *         .saml(SamlConfig.builder().idpMetadata(Path.of("idp-metadata.xml")).idpName("Okta").build())
 * }</pre>
 *
 * <p>This service provider's entity id and assertion consumer service (ACS) URL default to Zou's,
 * {@code <publicUrl>/api/auth/saml/login} and {@code <publicUrl>/api/auth/saml/sso}; register those at the IdP.
 */
public final class SamlConfig {
    /** Zou's metadata fetch timeout. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_METADATA_BYTES = 5 * 1024 * 1024;

    private final IdpMetadata idp;
    private final String idpName;
    private final String spEntityId;
    private final String acsUrl;
    private final Duration clockSkew;
    private final boolean allowIdpInitiated;
    private final Duration requestLifetime;

    private SamlConfig(Builder b, IdpMetadata idp) {
        this.idp = idp;
        this.idpName = b.idpName;
        this.spEntityId = b.spEntityId;
        this.acsUrl = b.acsUrl;
        this.clockSkew = b.clockSkew;
        this.allowIdpInitiated = b.allowIdpInitiated;
        this.requestLifetime = b.requestLifetime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The identity provider's entity id, from its metadata. */
    public String idpEntityId() {
        return idp.entityId();
    }

    /** The identity provider's single sign-on URL (HTTP-Redirect binding), from its metadata. */
    public String idpSsoUrl() {
        return idp.ssoRedirectUrl();
    }

    /** The name Kitsu shows on its SAML login button ({@code saml_idp_name} of {@code GET /config}). */
    public String idpName() {
        return idpName;
    }

    /** The service provider's entity id when set; else the engine uses {@code <publicUrl>/api/auth/saml/login}. */
    public Optional<String> spEntityId() {
        return Optional.ofNullable(spEntityId);
    }

    /** The ACS URL when set; else the engine uses {@code <publicUrl>/api/auth/saml/sso}. */
    public Optional<String> acsUrl() {
        return Optional.ofNullable(acsUrl);
    }

    /** The settings with the service-provider URLs resolved against the engine's public URL. */
    SamlSettings resolve(String publicUrl) {
        return new SamlSettings(idp, idpName,
                spEntityId != null ? spEntityId : publicUrl + "/api/auth/saml/login",
                acsUrl != null ? acsUrl : publicUrl + "/api/auth/saml/sso",
                clockSkew, allowIdpInitiated, requestLifetime);
    }

    @Override
    public String toString() {
        return "SamlConfig[idp=" + idp.entityId() + ", name=" + idpName + "]";
    }

    /** Builds a {@link SamlConfig}; the metadata is required. */
    public static final class Builder {
        private String metadataXml;
        private Path metadataFile;
        private URI metadataUrl;
        private String idpName = "";
        private String spEntityId;
        private String acsUrl;
        private Duration clockSkew = Duration.ofSeconds(60);
        private boolean allowIdpInitiated;
        private Duration requestLifetime = Duration.ofMinutes(10);

        private Builder() {
        }

        /** The IdP's metadata XML ({@code md:EntityDescriptor}). */
        public Builder idpMetadata(String xml) {
            this.metadataXml = Objects.requireNonNull(xml, "xml");
            return this;
        }

        /** A file holding the IdP's metadata XML, read by {@link #build()}. */
        public Builder idpMetadata(Path file) {
            this.metadataFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Where to fetch the IdP's metadata (Zou's {@code SAML_METADATA_URL}), once, by {@link #build()}, with a 30 s
         * timeout. Prefer {@code https}.
         */
        public Builder idpMetadataUrl(URI url) {
            Objects.requireNonNull(url, "url");
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("SAML metadata URL must be http(s): " + url);
            }
            this.metadataUrl = url;
            return this;
        }

        /** The name Kitsu shows on its SAML login button (Zou's {@code SAML_IDP_NAME}); default empty. */
        public Builder idpName(String name) {
            this.idpName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** This service provider's entity id (the audience); default {@code <publicUrl>/api/auth/saml/login}. */
        public Builder spEntityId(String entityId) {
            this.spEntityId = Objects.requireNonNull(entityId, "entityId");
            return this;
        }

        /** The assertion consumer service URL; default {@code <publicUrl>/api/auth/saml/sso}. */
        public Builder acsUrl(String url) {
            this.acsUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Tolerance on the IdP's clock for validity windows; default 60 s, at most 10 min. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /**
         * Whether to accept responses that answer no request of ours (IdP-initiated login, e.g. from an IdP portal),
         * as Zou does. Default false: such a response could log a victim's browser into an attacker's account
         * (login CSRF), and a response must answer a login this server started within the request lifetime.
         */
        public Builder allowIdpInitiated(boolean allow) {
            this.allowIdpInitiated = allow;
            return this;
        }

        /** How long a login started at {@code /auth/saml/login} may be answered; default 10 min (30 s to 1 h). */
        public Builder requestLifetime(Duration lifetime) {
            this.requestLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /**
         * Reads the metadata (file or URL) and validates every setting.
         *
         * @throws IllegalArgumentException when the metadata is missing, unreadable or unusable, or a setting is
         *                                  invalid
         */
        public SamlConfig build() {
            int sources = (metadataXml != null ? 1 : 0) + (metadataFile != null ? 1 : 0) + (metadataUrl != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalArgumentException("SamlConfig: give the IdP metadata exactly once: idpMetadata(xml), "
                        + "idpMetadata(file) or idpMetadataUrl(url)");
            }
            IdpMetadata idp = metadataXml != null ? IdpMetadata.parse(metadataXml)
                    : IdpMetadata.parse(metadataFile != null ? read(metadataFile) : fetch(metadataUrl));
            SamlConfig config = new SamlConfig(this, idp);
            config.resolve("https://localhost"); // validates the settings now rather than at engine build
            return config;
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("SAML metadata file unreadable: " + file + " (" + e + ")", e);
            }
        }

        private static byte[] fetch(URI url) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT).GET().build();
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IllegalArgumentException("SAML metadata fetch from " + url + " answered HTTP "
                                + response.statusCode());
                    }
                    byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
                    if (bytes.length > MAX_METADATA_BYTES) {
                        throw new IllegalArgumentException("SAML metadata at " + url + " is larger than "
                                + MAX_METADATA_BYTES + " bytes");
                    }
                    return bytes;
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("SAML metadata fetch from " + url + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalArgumentException("SAML metadata fetch from " + url + " interrupted", e);
            }
        }
    }
}
