package org.zou4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report: Markdown sections and tables, then one machine-readable TARGET line per target. */
final class Report {
    /** Sections by item number (0: the header), printed in that order whatever order they were measured in. */
    private final java.util.TreeMap<Integer, StringBuilder> sections = new java.util.TreeMap<>();
    private StringBuilder md = section(0);
    private record Target(int item, String line, String row) {
    }

    private final List<Target> targets = new ArrayList<>();
    private int currentItem;

    private StringBuilder section(int item) {
        return sections.computeIfAbsent(item, k -> new StringBuilder());
    }

    /** Continues the section of item {@code n}. */
    void at(int n) {
        md = section(n);
        currentItem = n;
    }

    /** Starts (or continues) the section of item {@code n} with a heading. */
    void heading(int n, String text) {
        at(n);
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
        targets.add(new Target(currentItem, "TARGET " + name + " " + m + " " + num(limit) + " " + (ok ? "PASS" : "MISS"),
                "| " + name + " | " + m + " | " + (atMost ? "≤ " : "≥ ") + num(limit) + " | "
                        + (ok ? "PASS" : "**MISS**") + " | " + why + " |"));
        targets.sort(java.util.Comparator.comparingInt(Target::item));
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
        StringBuilder all = new StringBuilder();
        sections.values().forEach(all::append);
        all.append("\n## Targets\n\n| target | measured | limit | result | what |\n|---|---:|---:|---|---|\n");
        for (Target t : targets) {
            all.append(t.row()).append('\n');
        }
        return all.toString();
    }

    List<String> targetLines() {
        return targets.stream().map(Target::line).toList();
    }
}
