package org.zou4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report: Markdown sections and tables, then one machine-readable TARGET line per target. */
final class Report {
    private final StringBuilder md = new StringBuilder();
    private final List<String> targets = new ArrayList<>();
    private final List<String> targetRows = new ArrayList<>();

    void heading(String text) {
        md.append("\n## ").append(text).append("\n\n");
    }

    void para(String text) {
        md.append(text).append("\n\n");
    }

    void table(String[] header, List<String[]> rows) {
        md.append('|');
        for (String h : header) {
            md.append(' ').append(h).append(" |");
        }
        md.append("\n|");
        for (int i = 0; i < header.length; i++) {
            md.append(i == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (String[] r : rows) {
            md.append('|');
            for (String c : r) {
                md.append(' ').append(c).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /**
     * A target: {@code measured} must not exceed {@code limit} ({@code atMost}) or must reach it. A missing figure
     * (NaN) is reported as {@code n/a} and MISS.
     */
    void target(String name, double measured, double limit, boolean atMost, String why) {
        boolean ok = !Double.isNaN(measured) && (atMost ? measured <= limit : measured >= limit);
        String m = Double.isNaN(measured) ? "n/a" : num(measured);
        targets.add("TARGET " + name + " " + m + " " + num(limit) + " " + (ok ? "PASS" : "MISS"));
        targetRows.add("| " + name + " | " + m + " | " + (atMost ? "≤ " : "≥ ") + num(limit) + " | "
                + (ok ? "PASS" : "**MISS**") + " | " + why + " |");
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : num(v) + " ms";
    }

    static String mb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : num(bytes / (1024.0 * 1024.0)) + " MB";
    }

    String markdown() {
        StringBuilder all = new StringBuilder(md);
        all.append("\n## Targets\n\n| target | measured | limit | result | what |\n|---|---:|---:|---|---|\n");
        for (String r : targetRows) {
            all.append(r).append('\n');
        }
        return all.toString();
    }

    List<String> targetLines() {
        return targets;
    }
}
