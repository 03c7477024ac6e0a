package io.leadscore.scoring.training;

/**
 * The history cannot make a model: too few labelled snapshots, its training rows hold one outcome only, or no
 * out-of-time split leaves rows on both sides. Not a fault of the run; more history (or another as-of date) is
 * what helps.
 */
public class NotEnoughOutcomesException extends IllegalArgumentException {

    public NotEnoughOutcomesException(String message) {
        super(message);
    }
}
