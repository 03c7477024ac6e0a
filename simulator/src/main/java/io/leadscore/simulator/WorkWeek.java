package io.leadscore.simulator;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When reps make first touches: the working days and the daily hours. Leads
 * arrive at any time of any day; MQLs that arrive outside working hours wait
 * for the next opening, which is part of their response delay (and of the
 * SLA clock, which runs in wall-clock hours like the SLA check).
 *
 * @param days      working days, at least one
 * @param openHour  first working hour of the day, 0 &le; open &lt; close
 * @param closeHour end of the working day, &le; 24
 */
public record WorkWeek(Set<DayOfWeek> days, double openHour, double closeHour) {

    public WorkWeek {
        Objects.requireNonNull(days, "days");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("Invalid work week: no working days, expected at least one");
        }
        days = Set.copyOf(days);
        if (!(openHour >= 0 && openHour < closeHour && closeHour <= 24)) {
            throw new IllegalArgumentException("Invalid working hours: " + openHour + " to " + closeHour
                    + ", expected 0 <= open < close <= 24");
        }
    }

    /** Monday to Friday, 9:00 to 17:00 (an assumption; set the team's own hours). */
    public static WorkWeek officeHours() {
        return new WorkWeek(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 9, 17);
    }

    /** Every day, around the clock. */
    public static WorkWeek always() {
        return new WorkWeek(EnumSet.allOf(DayOfWeek.class), 0, 24);
    }

    public double hoursPerDay() {
        return closeHour - openHour;
    }

    public boolean isAlways() {
        return days.size() == 7 && openHour == 0 && closeHour == 24;
    }
}
