package org.zou4j.internal.auth.crypto;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict CBOR (RFC 8949) decoder for what WebAuthn sends: attestation objects and COSE keys. Definite
 * lengths only (WebAuthn requires CTAP2 canonical encoding, which has no indefinite lengths); nesting and sizes are
 * bounded so hostile input cannot exhaust memory or the stack.
 *
 * <p>Decoded values: unsigned and negative integers as {@link Long} (or {@link BigInteger} beyond its range), byte
 * strings as {@code byte[]}, text strings as {@link String}, arrays as {@link List}, maps as {@link LinkedHashMap}
 * (in encoded order; duplicate keys are refused), {@code true}/{@code false} as {@link Boolean}, {@code null} and
 * {@code undefined} as {@code null}, floats as {@link Double}. Tags are skipped (their content is returned).
 *
 * <p>Stateless apart from the reading position; one {@link Reader} per input, not thread-safe.
 */
public final class Cbor {
    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 16;
    /** Most items accepted in one array or map. */
    public static final int MAX_ITEMS = 1024;

    private Cbor() {
    }

    /** Malformed or unsupported CBOR; the message never repeats the input. */
    public static final class CborException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        CborException(String message) {
            super(message);
        }
    }

    /**
     * Decodes exactly one item that fills {@code data}.
     *
     * @throws CborException if the input is malformed, uses indefinite lengths, or has trailing bytes
     */
    public static Object decode(byte[] data) {
        Reader r = new Reader(data, 0);
        Object value = r.read();
        if (r.position() != data.length) {
            throw new CborException("Trailing bytes after the CBOR item");
        }
        return value;
    }

    /** Reads items one after the other from a byte array, e.g. a COSE key inside authenticator data. */
    public static final class Reader {
        private final byte[] data;
        private int pos;

        public Reader(byte[] data, int offset) {
            if (offset < 0 || offset > data.length) {
                throw new CborException("Offset out of range");
            }
            this.data = data;
            this.pos = offset;
        }

        /** Where the next item starts. */
        public int position() {
            return pos;
        }

        /** Decodes the next item. */
        public Object read() {
            return item(0);
        }

        private Object item(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CborException("CBOR nested too deeply");
            }
            int initial = u8();
            int major = initial >>> 5;
            int info = initial & 0x1f;
            if (info == 31) {
                throw new CborException("Indefinite-length CBOR items are not accepted");
            }
            if (major == 7) {
                return simple(info);
            }
            BigInteger arg = argument(info);
            switch (major) {
                case 0:
                    return integer(arg);
                case 1:
                    return integer(arg.negate().subtract(BigInteger.ONE));
                case 2:
                    return bytes(length(arg));
                case 3:
                    return text(length(arg));
                case 4: {
                    int n = count(arg);
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(item(depth + 1));
                    }
                    return list;
                }
                case 5: {
                    int n = count(arg);
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        Object key = item(depth + 1);
                        Object value = item(depth + 1);
                        Object k = key instanceof byte[] b ? new ByteKey(b) : key;
                        if (map.containsKey(k)) {
                            throw new CborException("Duplicate key in a CBOR map");
                        }
                        map.put(k, value);
                    }
                    return map;
                }
                case 6:
                    return item(depth + 1); // a tag: its content
                default:
                    throw new CborException("Unknown CBOR major type");
            }
        }

        private Object simple(int info) {
            switch (info) {
                case 20:
                    return Boolean.FALSE;
                case 21:
                    return Boolean.TRUE;
                case 22:
                case 23:
                    return null;
                case 24:
                    u8();
                    throw new CborException("Unassigned CBOR simple value");
                case 25:
                    return halfFloat((u8() << 8) | u8());
                case 26:
                    return (double) Float.intBitsToFloat((int) uint(4));
                case 27:
                    return Double.longBitsToDouble(uint(8));
                default:
                    throw new CborException("Unassigned CBOR simple value");
            }
        }

        private static double halfFloat(int h) {
            int exp = (h >> 10) & 0x1f;
            int mant = h & 0x3ff;
            double v;
            if (exp == 0) {
                v = mant * Math.pow(2, -24);
            } else if (exp != 31) {
                v = (mant + 1024) * Math.pow(2, exp - 25);
            } else {
                v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            }
            return (h & 0x8000) != 0 ? -v : v;
        }

        private BigInteger argument(int info) {
            if (info < 24) {
                return BigInteger.valueOf(info);
            }
            return switch (info) {
                case 24 -> BigInteger.valueOf(u8());
                case 25 -> BigInteger.valueOf(uint(2));
                case 26 -> BigInteger.valueOf(uint(4));
                case 27 -> new BigInteger(1, take(8));
                default -> throw new CborException("Reserved CBOR additional information");
            };
        }

        private static Object integer(BigInteger v) {
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }

        private int length(BigInteger arg) {
            if (arg.compareTo(BigInteger.valueOf(data.length - pos)) > 0) {
                throw new CborException("CBOR string longer than the input");
            }
            return arg.intValue();
        }

        private int count(BigInteger arg) {
            if (arg.compareTo(BigInteger.valueOf(MAX_ITEMS)) > 0) {
                throw new CborException("Too many items in a CBOR array or map");
            }
            return arg.intValue();
        }

        private byte[] bytes(int n) {
            return take(n);
        }

        private String text(int n) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(take(n))).toString();
            } catch (CharacterCodingException e) {
                throw new CborException("Invalid UTF-8 in a CBOR text string");
            }
        }

        private int u8() {
            if (pos >= data.length) {
                throw new CborException("Truncated CBOR input");
            }
            return data[pos++] & 0xff;
        }

        private long uint(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }

        private byte[] take(int n) {
            if (n < 0 || n > data.length - pos) {
                throw new CborException("Truncated CBOR input");
            }
            byte[] out = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }
    }

    /** A byte-string map key with value equality (COSE and attestation maps never use them, but CBOR allows it). */
    public record ByteKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "ByteKey[" + bytes.length + " bytes]";
        }
    }
}
