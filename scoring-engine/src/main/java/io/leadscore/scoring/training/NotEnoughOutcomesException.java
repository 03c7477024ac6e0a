package io.leadscore.scoring.training;

/**
 * The history cannot make a model: its training rows hold one outcome only, or too few rows are left to validate
 * on. Not a fault of the run; more history (or another as-of date) is what helps.
 */
public class NotEnoughOutcomesException extends IllegalArgumentException {

    public NotEnoughOutcomesException(String message) {
        super(message);
    }
}
