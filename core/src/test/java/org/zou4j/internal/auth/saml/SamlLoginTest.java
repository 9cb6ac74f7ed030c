package org.zou4j.internal.auth.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.zou4j.AuthCookie;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.SamlConfig;
import org.zou4j.Session;
import org.zou4j.SsoResult;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.testing.SamlTestIdp;
import org.zou4j.testing.TestStorage;

/**
 * SAML single sign-on through the engine's API: the login redirect, the happy path (provisioning, update, tokens as a
 * password login issues them), and every refused response: unsigned, tampered, expired, wrong audience / recipient /
 * destination / issuer, replayed, wrapped, signed by another key or with SHA-1, with a DOCTYPE, unsolicited.
 */
class SamlLoginTest {
    private static final String PUBLIC_URL = "https://kitsu.studio.example";
    private static final String SP_ENTITY_ID = PUBLIC_URL + "/api/auth/saml/login";
    private static final String ACS_URL = PUBLIC_URL + "/api/auth/saml/sso";
    /** The engine's clock stands still here: every validity window is computed from it, not from the wall clock. */
    private static final Instant NOW = Instant.parse("2031-05-04T10:00:00Z");
    private static final Map<String, Object> REFUSED = Map.of("error", true, "message", "Invalid SAML response.");

    private static SamlTestIdp idp;
    private static SamlTestIdp otherIdp;
    private static TestStorage storage;
    private static ZouEngine engine;

    @BeforeAll
    static void start() {
        idp = SamlTestIdp.rsa();
        otherIdp = SamlTestIdp.rsa();
        storage = new TestStorage();
        engine = engine(storage, SamlConfig.builder().idpMetadata(idp.metadata()).idpName("Studio SSO").build());
    }

    private static ZouEngine engine(TestStorage storage, SamlConfig saml) {
        ZouEngine.Builder b = ZouEngine.builder().storage(storage).secretKey("0123456789abcdef0123456789abcdef-saml")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).bcryptCost(4).publicUrl(PUBLIC_URL);
        return (saml == null ? b : b.saml(saml)).build();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A response answering a fresh login request of the engine. */
    private static SamlTestIdp.Response solicited(String email) {
        String requestId = SamlTestIdp.readRequest(engine.samlLoginRedirect()).id();
        return idp.response(SP_ENTITY_ID, ACS_URL, email, NOW).inResponseTo(requestId);
    }

    private static void assertRefused(String samlResponse, String reason) {
        assertThatThrownBy(() -> engine.samlLogin(samlResponse, "10.0.0.1"))
                .isInstanceOfSatisfying(ZouException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.body()).isEqualTo(REFUSED);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    // ---- login redirect -------------------------------------------------------------------------------------------

    @Test
    void loginRedirectsToTheIdpWithADeflatedAuthnRequestForOurAcs() {
        String location = engine.samlLoginRedirect();
        assertThat(location).startsWith(SamlTestIdp.SSO_URL + "?SAMLRequest=");
        SamlTestIdp.SeenRequest request = SamlTestIdp.readRequest(location);
        assertThat(request.id()).matches("_[0-9a-f]{40}");
        assertThat(request.issuer()).isEqualTo(SP_ENTITY_ID);
        assertThat(request.acsUrl()).isEqualTo(ACS_URL);
        assertThat(request.destination()).isEqualTo(SamlTestIdp.SSO_URL);
        assertThat(request.protocolBinding()).isEqualTo("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
        assertThat(SamlTestIdp.readRequest(engine.samlLoginRedirect()).id()).isNotEqualTo(request.id());
    }

    // ---- happy paths ----------------------------------------------------------------------------------------------

    @Test
    void aSignedResponseProvisionsAnUnknownPersonAndLogsThemInAsAPasswordLoginWould() throws SQLException {
        SamlTestIdp.Response response = solicited("New.Comer@Studio.Example")
                .attribute("first_name", "Jean", "Luc").attribute("last_name", "Picard")
                .attribute("country", "fr").attribute("phone", "+33 1 23 45 67 89")
                .attribute("departments", "not-an-id");

        SsoResult result = engine.samlLogin(response.base64(), "10.0.0.7");

        assertThat(result.location()).isEqualTo(PUBLIC_URL);
        assertThat(result.loggedIn()).isTrue();
        assertThat(result.cookies()).extracting(AuthCookie::name, AuthCookie::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("access_token_cookie", "/"),
                        org.assertj.core.groups.Tuple.tuple("refresh_token_cookie", "/auth/refresh-token"));
        assertThat(result.cookies()).allSatisfy(c -> {
            assertThat(c.httpOnly()).isTrue();
            assertThat(c.sameSite()).isEqualTo("Lax");
        });
        assertThat(result.cookies().get(0).value()).isEqualTo(result.accessToken());

        Session session = engine.session(result.accessToken());
        Entry person = engine.systemSession().data("persons").get(session.personId());
        assertThat(person.getString("email")).isEqualTo("new.comer@studio.example");
        assertThat(person.getString("first_name")).isEqualTo("Jean Luc");
        assertThat(person.getString("last_name")).isEqualTo("Picard");
        assertThat(person.getString("country")).isEqualTo("FR");
        assertThat(person.getString("phone")).isEqualTo("+33 1 23 45 67 89");
        assertThat(person.getString("role")).isEqualTo("user");
        assertThat(person.get("active")).isEqualTo(true);
        assertThat(session.role()).isEqualTo("user");
        assertThat(rows("SELECT origin, ip_address FROM login_log WHERE person_id = ?", person.id()))
                .containsExactly(Map.of("origin", "web", "ip_address", "10.0.0.7"));
        // the refresh token works as a password login's does
        assertThat(engine.refresh(result.refreshToken()).accessToken()).isNotBlank();
        // no password was set: a password login fails as a wrong password does
        assertThatThrownBy(() -> engine.login(org.zou4j.LoginRequest.of("new.comer@studio.example", "default")))
                .isInstanceOfSatisfying(ZouException.class, e -> assertThat(e.body()).isEqualTo(Map.of("login", false)));
    }

    @Test
    void anExistingPersonIsFoundByCaseInsensitiveEmailAndUpdatedOnlyWhenTheProfileDiffers() throws SQLException {
        Entry dep = engine.systemSession().data("departments").create(Map.of("name", "Animation", "color", "#ff0000"));
        Entry existing = engine.systemSession().data("persons").create(Map.of("first_name", "Ann", "last_name",
                "Old", "email", "ann@studio.example", "role", "manager"));
        SsoResult first = engine.samlLogin(solicited("ANN@Studio.example").attribute("last_name", "New")
                .attribute("departments", dep.id()).attribute("country", "Atlantis").base64(), null);

        assertThat(engine.session(first.accessToken()).personId()).isEqualTo(existing.id());
        Entry updated = engine.systemSession().data("persons").get(existing.id(),
                Query.where(Map.of("relations", "true")));
        assertThat(updated.getString("first_name")).isEqualTo("Ann");
        assertThat(updated.getString("last_name")).isEqualTo("New");
        assertThat(updated.getString("role")).isEqualTo("manager");
        assertThat(updated.get("country")).isNull(); // not an ISO code: dropped
        assertThat(updated.get("departments")).isEqualTo(List.of(dep.id()));
        assertThat(engine.systemSession().data("persons").list(Query.where(Map.of("email", "ann@studio.example"))))
                .hasSize(1);

        long updates = personUpdates();
        engine.samlLogin(solicited("ann@studio.example").attribute("last_name", "New")
                .attribute("departments", dep.id()).base64(), null);
        assertThat(personUpdates()).isEqualTo(updates); // nothing differs: no write, no person:update event
    }

    private static long personUpdates() throws SQLException {
        return ((Number) rows("SELECT COUNT(*) AS n FROM api_event WHERE name = 'person:update'").get(0).get("n"))
                .longValue();
    }

    @Test
    void anInactivePersonIsRedirectedWithoutASession() {
        engine.systemSession().data("persons").create(Map.of("first_name", "Gone", "last_name", "Away", "email",
                "gone@studio.example", "active", false));
        SsoResult result = engine.samlLogin(solicited("gone@studio.example").base64(), null);
        assertThat(result.location()).isEqualTo(PUBLIC_URL);
        assertThat(result.loggedIn()).isFalse();
        assertThat(result.cookies()).isEmpty();
    }

    @Test
    void aResponseSignedAtBothLevelsIsAccepted() {
        assertThat(engine.samlLogin(solicited("both@studio.example").with(r -> r.signResponse = true).base64(), null)
                .loggedIn()).isTrue();
    }

    @Test
    void anEcdsaSignatureFromAnIdpWithAnEcKeyIsAccepted() {
        SamlTestIdp ec = SamlTestIdp.ec();
        try (ZouEngine ecEngine = engine(new TestStorage(),
                SamlConfig.builder().idpMetadata(ec.metadata()).allowIdpInitiated(true).build())) {
            SsoResult result = ecEngine.samlLogin(ec.response(SP_ENTITY_ID, ACS_URL, "ec@studio.example", NOW)
                    .base64(), null);
            assertThat(result.loggedIn()).isTrue();
        }
    }

    @Test
    void duringAKeyRolloverEitherMetadataCertificateVerifies() {
        try (ZouEngine rollover = engine(new TestStorage(), SamlConfig.builder()
                .idpMetadata(idp.metadata(otherIdp.certificate())).allowIdpInitiated(true).build())) {
            SamlTestIdp.Response signedByNewKey = idp.response(SP_ENTITY_ID, ACS_URL, "roll@studio.example", NOW);
            signedByNewKey.signer = otherIdp;
            assertThat(rollover.samlLogin(signedByNewKey.base64(), null).loggedIn()).isTrue();
            assertThat(rollover.samlLogin(idp.response(SP_ENTITY_ID, ACS_URL, "roll@studio.example", NOW).base64(),
                    null).loggedIn()).isTrue();
        }
    }

    @Test
    void theClockSkewToleratesAnIdpSlightlyOutOfStep() {
        assertThat(engine.samlLogin(solicited("late@studio.example").shift(Duration.ofMinutes(-5).minusSeconds(30))
                .base64(), null).loggedIn()).isTrue();
        assertThat(engine.samlLogin(solicited("early@studio.example").shift(Duration.ofSeconds(80)).base64(), null)
                .loggedIn()).isTrue();
    }

    // ---- refused responses ----------------------------------------------------------------------------------------

    @Test
    void anUnsignedResponseIsRefused() {
        assertRefused(solicited("u@studio.example").with(r -> r.signAssertion = false).base64(), "not signed");
    }

    @Test
    void aResponseSignedOnlyAtTheResponseLevelIsRefusedAsZouWantsSignedAssertions() {
        assertRefused(solicited("u@studio.example").with(r -> {
            r.signAssertion = false;
            r.signResponse = true;
        }).base64(), "Assertion is not signed");
    }

    @Test
    void aTamperedAssertionIsRefused() {
        String xml = solicited("victim@studio.example").xml();
        assertRefused(SamlTestIdp.base64(xml.replace("victim@studio.example", "attacker@studio.example")),
                "signature is not valid");
    }

    @Test
    void aTamperedSignedResponseIsRefusedEvenWhenTheAssertionIsIntact() {
        String xml = solicited("v@studio.example").with(r -> r.signResponse = true).xml();
        String tampered = xml.replaceFirst("IssueInstant=\"[^\"]+\"", "IssueInstant=\"2031-05-04T09:59:59Z\"");
        assertThat(tampered).isNotEqualTo(xml);
        assertRefused(SamlTestIdp.base64(tampered), "Response's signature is not valid");
    }

    @Test
    void anExpiredAssertionIsRefused() {
        assertRefused(solicited("old@studio.example").shift(Duration.ofMinutes(-7)).base64(), "expired");
        assertRefused(solicited("old@studio.example").with(r -> r.notOnOrAfter = NOW.minusSeconds(61)).base64(),
                "expired: the Conditions");
    }

    @Test
    void anAssertionNotYetValidIsRefused() {
        assertRefused(solicited("future@studio.example").with(r -> r.notBefore = NOW.plusSeconds(120)).base64(),
                "not yet valid");
    }

    @Test
    void aResponseForAnotherAudienceIsRefused() {
        assertRefused(solicited("a@studio.example").with(r -> r.audience = "https://other.example/sp").base64(),
                "wrong audience");
    }

    @Test
    void aResponseForAnotherRecipientIsRefused() {
        assertRefused(solicited("a@studio.example").with(r -> r.recipient = "https://other.example/acs").base64(),
                "wrong Recipient");
    }

    @Test
    void aResponseForAnotherDestinationIsRefused() {
        assertRefused(solicited("a@studio.example").with(r -> r.destination = "https://other.example/acs").base64(),
                "wrong Destination");
    }

    @Test
    void aResponseFromAnotherIssuerIsRefused() {
        assertRefused(solicited("a@studio.example").with(r -> r.issuer = "https://evil.example/idp").base64(),
                "wrong Issuer");
    }

    @Test
    void aFailedStatusIsRefused() {
        assertRefused(solicited("a@studio.example")
                .with(r -> r.status = "urn:oasis:names:tc:SAML:2.0:status:Requester").base64(), "status");
    }

    @Test
    void aReplayedResponseIsRefused() {
        String response = solicited("replay@studio.example").base64();
        assertThat(engine.samlLogin(response, null).loggedIn()).isTrue();
        assertRefused(response, "replay");
    }

    @Test
    void aRequestIsAnsweredOnceAndOnlyRequestsOfOursAreAnswered() {
        String requestId = SamlTestIdp.readRequest(engine.samlLoginRedirect()).id();
        assertThat(engine.samlLogin(idp.response(SP_ENTITY_ID, ACS_URL, "once@studio.example", NOW)
                .inResponseTo(requestId).base64(), null).loggedIn()).isTrue();
        // a second, distinct assertion answering the same request
        assertRefused(idp.response(SP_ENTITY_ID, ACS_URL, "once@studio.example", NOW).inResponseTo(requestId)
                .base64(), "no pending request");
        assertRefused(idp.response(SP_ENTITY_ID, ACS_URL, "once@studio.example", NOW).inResponseTo("_forged")
                .base64(), "no pending request");
    }

    @Test
    void anUnsolicitedResponseIsRefusedUnlessIdpInitiatedLoginIsAllowed() {
        String unsolicited = idp.response(SP_ENTITY_ID, ACS_URL, "portal@studio.example", NOW).base64();
        assertRefused(unsolicited, "unsolicited");
        try (ZouEngine allowing = engine(new TestStorage(),
                SamlConfig.builder().idpMetadata(idp.metadata()).allowIdpInitiated(true).build())) {
            assertThat(allowing.samlLogin(idp.response(SP_ENTITY_ID, ACS_URL, "portal@studio.example", NOW)
                    .base64(), null).loggedIn()).isTrue();
        }
    }

    @Test
    void aSignatureByAKeyNotInTheMetadataIsRefusedWhateverKeyInfoSays() {
        assertRefused(solicited("a@studio.example").with(r -> r.signer = otherIdp).base64(), "signature is not valid");
    }

    @Test
    void sha1SignaturesAndDigestsAreRefused() {
        // refused by our allow-list or, earlier, by the JDK's secure validation: either way the reason names it
        assertRefused(solicited("a@studio.example").with(r -> r.signatureMethod = SignatureMethod.RSA_SHA1).base64(),
                "xmldsig#rsa-sha1");
        assertRefused(solicited("a@studio.example").with(r -> r.digestMethod = DigestMethod.SHA1).base64(),
                "xmldsig#sha1");
    }

    @Test
    void aSecondUnsignedAssertionBesideTheSignedOneIsRefused() {
        Document doc = solicited("victim@studio.example").document();
        Element signed = assertion(doc);
        Element evil = (Element) signed.cloneNode(true);
        evil.setAttribute("ID", "_evil");
        setNameId(evil, "attacker@studio.example");
        removeSignature(evil);
        doc.getDocumentElement().insertBefore(evil, signed);
        assertRefused(SamlTestIdp.base64(SamlTestIdp.toXml(doc)), "exactly one Assertion");
    }

    @Test
    void theSignedAssertionHiddenInExtensionsWithAForgedOneInItsPlaceIsRefused() {
        Document doc = solicited("victim@studio.example").document();
        Element response = doc.getDocumentElement();
        Element signed = assertion(doc);
        Element evil = (Element) signed.cloneNode(true);
        setNameId(evil, "attacker@studio.example"); // same ID, signature copied: its reference points at the original
        Element extensions = doc.createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "samlp:Extensions");
        response.replaceChild(evil, signed);
        extensions.appendChild(signed);
        response.insertBefore(extensions, response.getFirstChild().getNextSibling());
        assertRefused(SamlTestIdp.base64(SamlTestIdp.toXml(doc)), "exactly one Assertion");
    }

    @Test
    void aSignatureReferencingAnotherElementThanTheAssertionIsRefused() {
        // the assertion's signature is moved to reference the Response: valid crypto, wrong target
        SamlTestIdp.Response r = solicited("victim@studio.example").with(x -> x.signAssertion = false);
        Document doc = r.document();
        idp.sign(doc.getDocumentElement(), r.responseId, SignatureMethod.RSA_SHA256, DigestMethod.SHA256);
        Element responseSignature = (Element) doc.getDocumentElement()
                .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        Element assertion = assertion(doc);
        assertion.insertBefore(responseSignature, assertion.getFirstChild().getNextSibling());
        assertRefused(SamlTestIdp.base64(SamlTestIdp.toXml(doc)), "does not reference it");
    }

    @Test
    void aDoctypeIsRefusedBeforeAnyEntityIsRead() {
        String xml = solicited("x@studio.example").xml().replaceFirst("<\\?xml[^>]*\\?>", "");
        String xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + xml.replace("x@studio.example",
                "&x;");
        assertRefused(SamlTestIdp.base64(xxe), "DOCTYPE");
        String bomb = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + xml;
        assertRefused(SamlTestIdp.base64(bomb), "DOCTYPE");
    }

    @Test
    void garbageIsRefused() {
        assertRefused(null, "no SAMLResponse");
        assertRefused("%%%not base64", "not base64");
        assertRefused(SamlTestIdp.base64("<not-saml/>"), "not a samlp:Response");
        assertRefused(SamlTestIdp.base64("<unclosed"), "not well-formed");
    }

    @Test
    void aNameIdThatIsNoEmailAddressIsRefused() {
        assertRefused(solicited("jdoe").base64(), "not an e-mail address");
    }

    // ---- disabled, config -----------------------------------------------------------------------------------------

    @Test
    void withoutSamlBothCallsAnswerZousBodyAndTheConfigSaysSo() {
        try (ZouEngine plain = engine(new TestStorage(), null)) {
            Consumer<ZouException> zous = e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.body()).isEqualTo(Map.of("error", "SAML is not enabled."));
            };
            assertThatThrownBy(plain::samlLoginRedirect).isInstanceOfSatisfying(ZouException.class, zous);
            assertThatThrownBy(() -> plain.samlLogin("anything", null)).isInstanceOfSatisfying(ZouException.class,
                    zous);
            assertThat(plain.publicConfig()).containsEntry("saml_enabled", false).containsEntry("saml_idp_name", "");
        }
        assertThat(engine.publicConfig()).containsEntry("saml_enabled", true)
                .containsEntry("saml_idp_name", "Studio SSO");
    }

    @Test
    void spUrlsCanBeConfiguredInsteadOfDerivedFromThePublicUrl() {
        try (ZouEngine custom = engine(new TestStorage(), SamlConfig.builder().idpMetadata(idp.metadata())
                .spEntityId("urn:studio:kitsu").acsUrl("https://sso.studio.example/acs").build())) {
            SamlTestIdp.SeenRequest request = SamlTestIdp.readRequest(custom.samlLoginRedirect());
            assertThat(request.issuer()).isEqualTo("urn:studio:kitsu");
            assertThat(request.acsUrl()).isEqualTo("https://sso.studio.example/acs");
            assertThat(custom.samlLogin(idp.response("urn:studio:kitsu", "https://sso.studio.example/acs",
                    "c@studio.example", NOW).inResponseTo(request.id()).base64(), null).loggedIn()).isTrue();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Element assertion(Document doc) {
        return (Element) doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
    }

    private static void setNameId(Element assertion, String email) {
        assertion.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0)
                .setTextContent(email);
    }

    private static void removeSignature(Element e) {
        var signature = e.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        e.removeChild(signature);
    }

    private static List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        DataSource ds = storage.dataSource();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof String s && s.length() == 36 ? java.util.UUID.fromString(s)
                        : params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                                rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
