package org.zou4j.internal.auth.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A credential public key in COSE form (RFC 9052/9053) as WebAuthn authenticators hand it over, turned into a JCA key
 * that verifies assertion signatures. Supported: ES256/ES384/ES512 (EC2 on P-256/P-384/P-521, DER signatures as
 * WebAuthn specifies), EdDSA (Ed25519), RS256 and PS256 (RSA of at least 2048 bits). EC points are checked to lie on
 * their curve.
 *
 * @param algorithm the COSE algorithm ({@code 3}), e.g. -7 for ES256
 * @param publicKey the JCA key
 */
public record CoseKey(int algorithm, PublicKey publicKey) {
    /** COSE algorithm identifiers accepted, in the order offered to authenticators. */
    public static final List<Integer> SUPPORTED_ALGORITHMS = List.of(-7, -8, -35, -36, -37, -257);

    private static final long KTY_OKP = 1;
    private static final long KTY_EC2 = 2;
    private static final long KTY_RSA = 3;

    /**
     * Reads a decoded COSE key map (integer labels as {@link Long}, see {@link Cbor}).
     *
     * @throws IllegalArgumentException if the key is malformed, of an unsupported type or algorithm, or its point is
     *     not on its curve
     */
    public static CoseKey fromCose(Map<?, ?> cose) {
        long kty = integer(cose, 1L, "kty");
        Object algValue = cose.get(3L);
        if (!(algValue instanceof Long a)) {
            throw new IllegalArgumentException("COSE key without an algorithm");
        }
        int alg = a.intValue();
        if (!SUPPORTED_ALGORITHMS.contains(alg)) {
            throw new IllegalArgumentException("Unsupported COSE algorithm " + a);
        }
        try {
            if (kty == KTY_EC2) {
                String curve = switch ((int) integer(cose, -1L, "crv")) {
                    case 1 -> "secp256r1";
                    case 2 -> "secp384r1";
                    case 3 -> "secp521r1";
                    default -> throw new IllegalArgumentException("Unsupported EC2 curve");
                };
                int expectedAlg = switch (curve) {
                    case "secp256r1" -> -7;
                    case "secp384r1" -> -35;
                    default -> -36;
                };
                if (alg != expectedAlg) {
                    throw new IllegalArgumentException("COSE algorithm does not match the EC curve");
                }
                return new CoseKey(alg, ecKey(curve, bytes(cose, -2L, "x"), bytes(cose, -3L, "y")));
            }
            if (kty == KTY_OKP) {
                if (alg != -8 || integer(cose, -1L, "crv") != 6) {
                    throw new IllegalArgumentException("Only Ed25519 OKP keys are supported");
                }
                return new CoseKey(alg, ed25519Key(bytes(cose, -2L, "x")));
            }
            if (kty == KTY_RSA) {
                if (alg != -257 && alg != -37) {
                    throw new IllegalArgumentException("COSE algorithm does not match the RSA key");
                }
                BigInteger n = new BigInteger(1, bytes(cose, -1L, "n"));
                BigInteger e = new BigInteger(1, bytes(cose, -2L, "e"));
                if (n.bitLength() < 2048) {
                    throw new IllegalArgumentException("RSA key shorter than 2048 bits");
                }
                return new CoseKey(alg, KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Unusable COSE key: " + e.getClass().getSimpleName());
        }
        throw new IllegalArgumentException("Unsupported COSE key type " + kty);
    }

    /** Decodes a COSE key from its CBOR bytes. */
    public static CoseKey fromCbor(byte[] cbor) {
        if (!(Cbor.decode(cbor) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("A COSE key is a CBOR map");
        }
        return fromCose(map);
    }

    /** An EC public key from affine coordinates, refusing a point that is not on the named curve. */
    public static PublicKey ecKey(String curve, byte[] x, byte[] y) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
        BigInteger px = new BigInteger(1, x);
        BigInteger py = new BigInteger(1, y);
        ECField field = spec.getCurve().getField();
        if (!(field instanceof ECFieldFp fp)) {
            throw new IllegalArgumentException("Unexpected EC field");
        }
        BigInteger p = fp.getP();
        if (px.compareTo(p) >= 0 || py.compareTo(p) >= 0) {
            throw new IllegalArgumentException("EC coordinates out of range");
        }
        BigInteger left = py.modPow(BigInteger.TWO, p);
        BigInteger right = px.pow(3).add(spec.getCurve().getA().multiply(px)).add(spec.getCurve().getB()).mod(p);
        if (!left.equals(right)) {
            throw new IllegalArgumentException("EC point is not on the curve");
        }
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(px, py), spec));
    }

    private static PublicKey ed25519Key(byte[] x) throws GeneralSecurityException {
        if (x.length != 32) {
            throw new IllegalArgumentException("An Ed25519 key is 32 bytes");
        }
        // RFC 8032 encoding: little-endian y with the sign of x in the top bit.
        byte[] le = x.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
        return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                point));
    }

    /**
     * Verifies a WebAuthn signature over {@code signed} (authenticator data followed by the client data hash).
     *
     * @return false for a wrong or malformed signature
     */
    public boolean verify(byte[] signed, byte[] signature) {
        try {
            Signature s = switch (algorithm) {
                case -7 -> Signature.getInstance("SHA256withECDSA");
                case -35 -> Signature.getInstance("SHA384withECDSA");
                case -36 -> Signature.getInstance("SHA512withECDSA");
                case -8 -> Signature.getInstance("Ed25519");
                case -257 -> Signature.getInstance("SHA256withRSA");
                case -37 -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                default -> throw new IllegalStateException("unsupported algorithm");
            };
            s.initVerify(publicKey);
            s.update(signed);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // e.g. a signature that is not valid DER
        }
    }

    private static long integer(Map<?, ?> cose, Long label, String name) {
        if (!(cose.get(label) instanceof Long v)) {
            throw new IllegalArgumentException("COSE key without a valid " + name);
        }
        return v;
    }

    private static byte[] bytes(Map<?, ?> cose, Long label, String name) {
        if (!(cose.get(label) instanceof byte[] v) || v.length == 0 || v.length > 1024) {
            throw new IllegalArgumentException("COSE key without a valid " + name);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoseKey k && k.algorithm == algorithm
                && Arrays.equals(k.publicKey.getEncoded(), publicKey.getEncoded());
    }

    @Override
    public int hashCode() {
        return 31 * algorithm + Arrays.hashCode(publicKey.getEncoded());
    }
}
