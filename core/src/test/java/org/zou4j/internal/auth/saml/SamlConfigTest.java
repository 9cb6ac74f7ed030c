package org.zou4j.internal.auth.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.SamlConfig;
import org.zou4j.testing.SamlTestIdp;

/** SAML configuration from IdP metadata (string, file, URL) and the settings' validation. */
class SamlConfigTest {
    private static SamlTestIdp idp;

    @BeforeAll
    static void keys() {
        idp = SamlTestIdp.rsa();
    }

    @Test
    void metadataGivesTheEntityIdRedirectSsoUrlAndSigningCertificates() {
        IdpMetadata m = IdpMetadata.parse(idp.metadata());
        assertThat(m.entityId()).isEqualTo(SamlTestIdp.ENTITY_ID);
        assertThat(m.ssoRedirectUrl()).isEqualTo(SamlTestIdp.SSO_URL); // not the HTTP-POST one listed first
        assertThat(m.signingCertificates()).containsExactly(idp.certificate());
    }

    @Test
    void metadataInAnEntitiesDescriptorWithOneIdpIsRead() {
        String entity = idp.metadata().replaceFirst("<\\?xml[^>]*\\?>", "");
        String wrapped = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">"
                + "<md:EntityDescriptor entityID=\"https://sp.example\"><md:SPSSODescriptor "
                + "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"/></md:EntityDescriptor>"
                + entity + "</md:EntitiesDescriptor>";
        assertThat(IdpMetadata.parse(wrapped).entityId()).isEqualTo(SamlTestIdp.ENTITY_ID);
    }

    @Test
    void metadataComesFromAStringAFileOrAUrl(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("idp.xml");
        Files.writeString(file, idp.metadata());
        assertThat(SamlConfig.builder().idpMetadata(file).build().idpEntityId()).isEqualTo(SamlTestIdp.ENTITY_ID);
        assertThat(SamlConfig.builder().idpMetadata(idp.metadata()).idpName("Okta").build().idpName())
                .isEqualTo("Okta");

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metadata", exchange -> {
            byte[] body = idp.metadata().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            SamlConfig fetched = SamlConfig.builder().idpMetadataUrl(base.resolve("/metadata")).build();
            assertThat(fetched.idpSsoUrl()).isEqualTo(SamlTestIdp.SSO_URL);
            assertThatThrownBy(() -> SamlConfig.builder().idpMetadataUrl(base.resolve("/missing")).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unusableMetadataIsRefusedWithTheReason() {
        assertThatThrownBy(() -> IdpMetadata.parse(idp.metadata().replace("HTTP-Redirect", "HTTP-Artifact")))
                .hasMessageContaining("HTTP-Redirect");
        assertThatThrownBy(() -> IdpMetadata.parse(idp.metadata().replace("use=\"signing\"", "use=\"encryption\"")))
                .hasMessageContaining("no signing certificate");
        assertThatThrownBy(() -> IdpMetadata.parse(idp.metadata().replace("<md:IDPSSODescriptor ",
                "<md:IDPSSODescriptor WantAuthnRequestsSigned=\"true\" "))).hasMessageContaining("signed AuthnRequests");
        assertThatThrownBy(() -> IdpMetadata.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + "<x>&e;</x>")).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> IdpMetadata.parse("<x/>")).hasMessageContaining("EntityDescriptor");
        assertThatThrownBy(() -> SamlConfig.builder().build()).hasMessageContaining("exactly once");
        assertThatThrownBy(() -> SamlConfig.builder().idpMetadata(idp.metadata()).idpMetadata(Path.of("x")).build())
                .hasMessageContaining("exactly once");
    }

    @Test
    void settingsAreValidatedWhenTheConfigIsBuilt() {
        assertThatThrownBy(() -> SamlConfig.builder().idpMetadata(idp.metadata()).clockSkew(Duration.ofHours(1))
                .build()).hasMessageContaining("clockSkew");
        assertThatThrownBy(() -> SamlConfig.builder().idpMetadata(idp.metadata()).acsUrl("ftp://x").build())
                .hasMessageContaining("acsUrl");
        assertThatThrownBy(() -> SamlConfig.builder().idpMetadata(idp.metadata()).requestLifetime(Duration.ZERO)
                .build()).hasMessageContaining("requestLifetime");
    }
}
