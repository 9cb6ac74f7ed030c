package org.zou4j.internal.persons;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import org.zou4j.ZouException;

/**
 * Zou's period intervals ({@code date_helpers.get_year_interval}, {@code get_month_interval},
 * {@code get_week_interval}, {@code get_day_interval}): half-open {@code [start, end)} day ranges. Weeks are ISO weeks
 * ({@code date.fromisocalendar(year, week, 1)}): week 1 holds the year's first Thursday, weeks start on Monday.
 */
record Periods(LocalDate start, LocalDate end) {

    /** The last day of the period (Zou's {@code _last_day_of} for day-off listings). */
    LocalDate lastDay() {
        return end.minusDays(1);
    }

    static Periods of(String period, List<String> values, String message) {
        try {
            return switch (period) {
                case "year" -> {
                    LocalDate s = LocalDate.of(year(values.get(0)), 1, 1);
                    yield new Periods(s, s.plusYears(1));
                }
                case "month" -> {
                    LocalDate s = LocalDate.of(year(values.get(0)), Integer.parseInt(values.get(1).trim()), 1);
                    yield new Periods(s, s.plusMonths(1));
                }
                case "week" -> {
                    LocalDate s = isoWeekStart(year(values.get(0)), Integer.parseInt(values.get(1).trim()));
                    yield new Periods(s, s.plusDays(7));
                }
                case "day" -> {
                    LocalDate s = LocalDate.of(year(values.get(0)), Integer.parseInt(values.get(1).trim()),
                            Integer.parseInt(values.get(2).trim()));
                    yield new Periods(s, s.plusDays(1));
                }
                default -> throw ZouException.notFound();
            };
        } catch (NumberFormatException | DateTimeException | IndexOutOfBoundsException e) {
            throw ZouException.wrongParameter(message);
        }
    }

    /** Python's {@code date.fromisocalendar(year, week, 1)}: refuses a week the year does not have. */
    static LocalDate isoWeekStart(int year, int week) {
        LocalDate mid = LocalDate.of(year, 6, 1);
        long weeks = IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(mid).getMaximum();
        if (week < 1 || week > weeks) {
            throw new DateTimeException("No week " + week + " in " + year);
        }
        return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    /** A year Python's {@code datetime} accepts (1 to 9999). */
    static int year(String text) {
        int y = Integer.parseInt(text.trim());
        if (y < 1 || y > 9999) {
            throw new DateTimeException("Year out of range: " + y);
        }
        return y;
    }
}
