package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoseKeyTest {
    private static final byte[] DATA = "authenticator data || client data hash".getBytes(StandardCharsets.UTF_8);

    private static byte[] unsigned(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[size];
        int n = Math.min(b.length, size);
        System.arraycopy(b, b.length - n, out, size - n, n);
        return out;
    }

    private static byte[] sign(String alg, KeyPair k) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initSign(k.getPrivate());
        s.update(DATA);
        return s.sign();
    }

    @Test
    void es256VerifiesAndRefusesAnotherSignatureOrMessage() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) k.getPublic();
        Map<Object, Object> cose = new LinkedHashMap<>(Map.of(1L, 2L, 3L, -7L, -1L, 1L,
                -2L, unsigned(pub.getW().getAffineX(), 32), -3L, unsigned(pub.getW().getAffineY(), 32)));
        CoseKey key = CoseKey.fromCose(cose);
        byte[] sig = sign("SHA256withECDSA", k);
        assertThat(key.verify(DATA, sig)).isTrue();
        assertThat(key.verify("other".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        byte[] bad = sig.clone();
        bad[bad.length - 1] ^= 1;
        assertThat(key.verify(DATA, bad)).isFalse();
        assertThat(key.verify(DATA, new byte[] {1, 2, 3})).isFalse(); // not DER: false, no exception

        // a point off the curve is refused (invalid-curve attacks)
        byte[] y = unsigned(pub.getW().getAffineY(), 32);
        y[31] ^= 1;
        cose.put(-3L, y);
        assertThatThrownBy(() -> CoseKey.fromCose(cose)).hasMessageContaining("not on the curve");
        // the algorithm must fit the curve
        cose.put(-3L, unsigned(pub.getW().getAffineY(), 32));
        cose.put(3L, -35L);
        assertThatThrownBy(() -> CoseKey.fromCose(cose)).hasMessageContaining("does not match");
    }

    @Test
    void ed25519AndRsaKeysVerify() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = ed.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        CoseKey edKey = CoseKey.fromCose(Map.of(1L, 1L, 3L, -8L, -1L, 6L, -2L, raw));
        assertThat(edKey.verify(DATA, sign("Ed25519", ed))).isTrue();
        assertThat(edKey.publicKey().getEncoded()).isEqualTo(encoded);

        KeyPairGenerator rg = KeyPairGenerator.getInstance("RSA");
        rg.initialize(2048);
        KeyPair rsa = rg.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) rsa.getPublic();
        CoseKey rsaKey = CoseKey.fromCose(Map.of(1L, 3L, 3L, -257L, -1L, pub.getModulus().toByteArray(),
                -2L, pub.getPublicExponent().toByteArray()));
        assertThat(rsaKey.verify(DATA, sign("SHA256withRSA", rsa))).isTrue();
        assertThat(rsaKey.verify(DATA, sign("SHA256withRSA", rg.generateKeyPair()))).isFalse();
    }

    @Test
    void refusesUnsupportedKeys() {
        assertThatThrownBy(() -> CoseKey.fromCose(Map.of(1L, 2L, 3L, -47L))).hasMessageContaining("Unsupported");
        assertThatThrownBy(() -> CoseKey.fromCose(Map.of(1L, 4L, 3L, -7L))).hasMessageContaining("Unsupported");
        assertThatThrownBy(() -> CoseKey.fromCose(Map.of(3L, -7L))).hasMessageContaining("kty");
        assertThatThrownBy(() -> CoseKey.fromCbor(new byte[] {0x01})).hasMessageContaining("CBOR map");
    }
}
