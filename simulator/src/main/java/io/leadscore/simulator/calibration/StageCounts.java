package io.leadscore.simulator.calibration;

/**
 * How many leads entered a stage and how many of them moved on to the next,
 * counted over leads whose outcome at that stage is known.
 *
 * @param entered  leads that reached the stage, &ge; 0
 * @param advanced of which reached the next stage, 0..entered
 */
public record StageCounts(long entered, long advanced) {

    public StageCounts {
        if (entered < 0 || advanced < 0 || advanced > entered) {
            throw new IllegalArgumentException("Invalid stage counts: " + advanced + " advanced of " + entered
                    + " entered, expected 0 <= advanced <= entered");
        }
    }
}
