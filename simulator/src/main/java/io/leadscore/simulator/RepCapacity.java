package io.leadscore.simulator;

/**
 * How many first touches the inbound team can make: {@code reps} people, each
 * making at most {@code firstTouchesPerRepPerDay} first touches per working
 * day, spread evenly over the working hours (one every
 * hours-per-day ÷ touches). An inbound rep can hold only so many first
 * conversations a day; when MQLs arrive faster the queue grows, delays grow
 * and conversion falls (DOMAIN.md). {@link #unbounded()} removes the limit.
 *
 * @param reps                     number of reps, &ge; 0
 * @param firstTouchesPerRepPerDay first touches one rep makes per working day, &gt; 0
 * @param unlimited                no capacity limit (then the other two are ignored)
 */
public record RepCapacity(int reps, double firstTouchesPerRepPerDay, boolean unlimited) {

    public RepCapacity {
        if (reps < 0) {
            throw new IllegalArgumentException("Invalid reps: " + reps + ", expected >= 0");
        }
        if (!(firstTouchesPerRepPerDay > 0) || Double.isInfinite(firstTouchesPerRepPerDay)) {
            throw new IllegalArgumentException("Invalid first touches per rep per day: " + firstTouchesPerRepPerDay
                    + ", expected a positive number");
        }
    }

    public static RepCapacity of(int reps, double firstTouchesPerRepPerDay) {
        return new RepCapacity(reps, firstTouchesPerRepPerDay, false);
    }

    /** Every MQL is touched as soon as the response policy and working hours allow. */
    public static RepCapacity unbounded() {
        return new RepCapacity(0, 1, true);
    }

    public RepCapacity withReps(int n) {
        return new RepCapacity(n, firstTouchesPerRepPerDay, unlimited);
    }

    /** First touches per working day for the whole team; +Infinity when unlimited. */
    public double perWorkingDay() {
        return unlimited ? Double.POSITIVE_INFINITY : reps * firstTouchesPerRepPerDay;
    }
}
