package dev.eden.agent.state;

import java.time.Instant;

/**
 * A beacon's last result as the agent remembers it.
 *
 * @param name the beacon, {@code <namespace>/<name>}
 * @param passed whether its check passed
 * @param message what the check said
 * @param checked when the check finished
 */
public record BeaconRecord(String name, boolean passed, String message, Instant checked) {}
