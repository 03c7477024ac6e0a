package io.leadscore.simulator.calibration;

/**
 * A deal already open when the period starts. It is won with the trial's
 * opportunity-to-won rate and closes after a sales cycle drawn from the
 * cycle distribution given that it has already lasted {@code ageDays}.
 *
 * @param ageDays days since the deal was opened, &ge; 0
 * @param amount  the deal's amount, &ge; 0, or NaN when unknown (then drawn from the deal-size model)
 */
public record OpenOpportunity(double ageDays, double amount) {

    public OpenOpportunity {
        if (!(ageDays >= 0) || Double.isInfinite(ageDays)) {
            throw new IllegalArgumentException("Invalid opportunity age: " + ageDays + " days, expected a finite number >= 0");
        }
        if (!(Double.isNaN(amount) || amount >= 0 && Double.isFinite(amount))) {
            throw new IllegalArgumentException("Invalid opportunity amount: " + amount + ", expected a finite number >= 0 or NaN");
        }
    }

    public static OpenOpportunity withoutAmount(double ageDays) {
        return new OpenOpportunity(ageDays, Double.NaN);
    }

    public boolean hasAmount() {
        return !Double.isNaN(amount);
    }
}
