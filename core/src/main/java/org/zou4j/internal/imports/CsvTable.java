package org.zou4j.internal.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;

/**
 * A CSV file read as Python's {@code csv.DictReader} with a sniffed dialect: the header names the cells, blank lines
 * are skipped, short rows have missing cells, each row knows its file line. Malformed files (not UTF-8, no header,
 * an unclosed quote) are Zou's 400 {@code {"error": true, "message": ...}}.
 */
final class CsvTable {
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final char[] SEPARATORS = {',', ';', '\t', '|'};

    /** One data row: cells by header name ({@code null} when the row is short) and its line in the file. */
    record CsvRow(int line, Map<String, String> cells) {

        /** A cell, or null when the column is absent or the row short (DictReader's {@code row.get}). */
        String get(String column) {
            return cells.get(column);
        }

        /** A cell of a column the import needs (DictReader's {@code row[...]}): a missing column fails the row. */
        String require(String column) {
            if (!cells.containsKey(column)) {
                throw new RowException("A columns is missing: '" + column + "'");
            }
            String v = cells.get(column);
            if (v == null) {
                throw new RowException("A columns is missing: '" + column + "'");
            }
            return v;
        }

        boolean has(String column) {
            return cells.containsKey(column);
        }
    }

    /** A row the import refuses; the import turns it into Zou's row error with the line number. */
    static final class RowException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowException(String message) {
            super(message, null, false, false);
        }
    }

    private final List<String> header;
    private final List<CsvRow> rows;

    private CsvTable(List<String> header, List<CsvRow> rows) {
        this.header = header;
        this.rows = rows;
    }

    List<String> header() {
        return header;
    }

    List<CsvRow> rows() {
        return rows;
    }

    static CsvTable parse(byte[] bytes) {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw malformed("The CSV file is empty.");
        }
        char separator = sniff(text);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"')
                .withoutEscapeChar();
        List<String> header = null;
        List<CsvRow> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(schema).readValues(text)) {
            while (it.hasNextValue()) {
                List<String> cells = it.nextValue();
                // the reader stands after the row: at the start of the next line unless the file ends there
                var at = it.getCurrentLocation();
                int line = at.getColumnNr() <= 1 && at.getLineNr() > 1 ? at.getLineNr() - 1 : at.getLineNr();
                if (cells.isEmpty() || cells.size() == 1 && cells.get(0).isEmpty()) {
                    continue; // DictReader skips blank lines
                }
                if (header == null) {
                    header = List.copyOf(cells);
                    continue;
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), i < cells.size() ? cells.get(i) : null);
                }
                rows.add(new CsvRow(line, Collections.unmodifiableMap(m)));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ZouException z) {
                throw z;
            }
            throw malformed("The CSV file is malformed: " + firstLine(e.getMessage()));
        }
        if (header == null) {
            throw malformed("The CSV file has no header line.");
        }
        return new CsvTable(header, rows);
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("The CSV file is not UTF-8 text.");
        }
    }

    /** The separator occurring most in the header line outside quotes (comma when none does). */
    static char sniff(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        int[] counts = new int[SEPARATORS.length];
        boolean quoted = false;
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < SEPARATORS.length; k++) {
                    if (c == SEPARATORS[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < SEPARATORS.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return SEPARATORS[best];
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int nl = message.indexOf('\n');
        return ZouException.echo(nl < 0 ? message : message.substring(0, nl));
    }

    static ZouException malformed(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("message", message);
        return new ZouException(org.zou4j.ErrorCode.WRONG_PARAMETER, 400, message, body);
    }
}
