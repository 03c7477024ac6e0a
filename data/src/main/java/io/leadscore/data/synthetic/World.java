package io.leadscore.data.synthetic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which kind of CRM history to generate.
 *
 * <ul>
 *   <li>{@link #TEXTBOOK}: deals come through the marketing hand-off (MQL, then sales' follow-ups), plus the
 *       outbound and nurture-list leads reps work without one; every follow-up is logged; one team all along.</li>
 *   <li>{@link #MESSY}: what real histories look like besides. Referrals, partner leads and returning customers
 *       go straight to a rep and open deals without ever being MQLs; reps open deals without logging the
 *       acceptance or the meeting (skipped stages) and some work leads without logging any follow-up; lead
 *       volume swings with a strong season (quarter-end pushes, summer and December lulls); and the sales team
 *       grows from 10 to 16 reps half-way through the history, so responses before are slower and more
 *       MQLs fall into the black hole.</li>
 * </ul>
 */
public enum World {
    TEXTBOOK,
    MESSY;

    /** The name on the command line: {@code textbook}, {@code messy}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The world of a wire name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static World parse(String name) {
        for (World w : values()) {
            if (w.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return w;
            }
        }
        throw new IllegalArgumentException("Invalid world: " + name + ", expected one of "
                + Arrays.stream(values()).map(World::wireName).collect(Collectors.joining(", ")));
    }
}
