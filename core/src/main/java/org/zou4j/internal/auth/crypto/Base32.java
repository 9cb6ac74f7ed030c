package org.zou4j.internal.auth.crypto;

import java.util.Locale;

/**
 * RFC 4648 base32 (alphabet {@code A-Z2-7}) as used for TOTP secrets. Encoding emits no padding (as pyotp and
 * authenticator apps expect); decoding is case-insensitive, ignores trailing {@code =} padding and rejects anything
 * else outside the alphabet.
 */
public final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    /** Encodes bytes without padding. */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /**
     * Decodes base32 text.
     *
     * @throws IllegalArgumentException if the text holds a character outside the alphabet (the message does not
     *     repeat the text, which is usually a secret)
     */
    public static byte[] decode(String text) {
        String s = text.toUpperCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        byte[] out = new byte[end * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < end; i++) {
            int v = ALPHABET.indexOf(s.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("Not a base32 string: character at index " + i + " is invalid");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
