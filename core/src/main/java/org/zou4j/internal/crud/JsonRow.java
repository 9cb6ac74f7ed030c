package org.zou4j.internal.crud;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * One serialized row: an insertion-ordered map like {@link java.util.LinkedHashMap}, stored as a value array whose
 * keys are shared by the rows of a batch (they are put in the same order). A {@code LinkedHashMap} per row cost an
 * entry object per field, a table and two rehashes; on a 75,000-task list, building them was a tenth of the CPU.
 * Lookups scan the keys (rows have a few dozen fields). Not thread-safe, like {@code LinkedHashMap}.
 */
final class JsonRow extends AbstractMap<String, Object> {

    /** The key order of a batch: an append-only array that rows read up to their own size. */
    static final class Keys {
        private String[] names = new String[32];
        private int length;

        private void append(String key) {
            if (length == names.length) {
                names = Arrays.copyOf(names, length * 2);
            }
            names[length++] = key;
        }
    }

    private final Keys shared;
    /** This row's own keys, once it stops following the shared order (a different key, or a removal). */
    private String[] own;
    private Object[] values;
    private int size;

    JsonRow(Keys shared, int capacity) {
        this.shared = shared;
        this.values = new Object[Math.max(4, capacity)];
    }

    private String keyAt(int i) {
        return own != null ? own[i] : shared.names[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            String k = keyAt(i);
            if (k == key) {
                return i;
            }
        }
        if (key != null) {
            for (int i = 0; i < size; i++) {
                if (key.equals(keyAt(i))) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public Object put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (own == null && size < shared.length && size < values.length) {
            // Following the batch's key order: the shared keys hold no duplicate, so the key is not in this row yet.
            String next = shared.names[size];
            if (next == key || next.equals(key)) {
                values[size++] = value;
                return null;
            }
        }
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            if (own != null) {
                own = Arrays.copyOf(own, size * 2);
            }
        }
        if (own == null) {
            if (size == shared.length) {
                shared.append(key);
                values[size++] = value;
                return null;
            }
            String next = shared.names[size];
            if (next == key || next.equals(key)) {
                values[size++] = value;
                return null;
            }
            diverge();
        }
        own[size] = key;
        values[size++] = value;
        return null;
    }

    private void diverge() {
        own = Arrays.copyOf(shared.names, values.length);
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        return removeAt(i);
    }

    private Object removeAt(int i) {
        if (own == null) {
            diverge();
        }
        Object old = values[i];
        System.arraycopy(own, i + 1, own, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        own[size] = null;
        values[size] = null;
        return old;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        if (own == null) {
            own = new String[values.length];
        }
        Arrays.fill(own, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Field(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** A live view of one field. */
    private final class Field implements Map.Entry<String, Object> {
        private final int index;

        Field(int index) {
            this.index = index;
        }

        @Override
        public String getKey() {
            return keyAt(index);
        }

        @Override
        public Object getValue() {
            return values[index];
        }

        @Override
        public Object setValue(Object value) {
            Object old = values[index];
            values[index] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
