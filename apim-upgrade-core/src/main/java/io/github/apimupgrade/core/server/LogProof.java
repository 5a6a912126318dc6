package io.github.apimupgrade.core.server;

import java.util.regex.Pattern;

/**
 * One line a supervised run must log before "WSO2 Carbon started" to count as having done its work.
 *
 * @param pattern a regular expression found in a log line's message
 * @param meaning what the line proves, for the message when it is missing
 */
public record LogProof(String pattern, String meaning) {
    public LogProof {
        Pattern.compile(pattern); // fails on a bad catalogue entry at load time
    }

    public Pattern compiled() {
        return Pattern.compile(pattern);
    }
}
