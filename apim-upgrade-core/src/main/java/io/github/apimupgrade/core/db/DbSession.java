package io.github.apimupgrade.core.db;

import java.util.Locale;
import java.util.Optional;

/**
 * Another session connected to a database, as its session list shows it (see {@link SessionInspector}).
 *
 * @param id        the server's id for it (pid, connection id, SPID, "sid,serial#", application handle)
 * @param client    client address (host[:port]) where the server shows it, else null
 * @param program   application / program name where the server shows it, else null
 * @param state     the server's word for what it does (active, idle, Sleep, Query, ...)
 * @param seconds   seconds in that state (or since its statement started), -1 when unknown
 * @param statement its current statement, where shown
 * @param busy      executing a statement or inside an open transaction
 */
public record DbSession(String id, String user, String client, String program, String state, long seconds,
                        String statement, boolean busy) {

    /** The apim-upgrade run id its application name or statement comment carries. */
    public Optional<String> runId() {
        Optional<String> byName = RunTag.runIdIn(program);
        return byName.isPresent() ? byName : RunTag.runIdIn(statement);
    }

    /** "session 4711 (wso2@10.0.0.12:51034, program 'PostgreSQL JDBC Driver', idle for 30 s)" */
    public String describe() {
        StringBuilder sb = new StringBuilder("session ").append(id).append(" (");
        sb.append(user == null || user.isBlank() ? "?" : user);
        if (client != null && !client.isBlank()) {
            sb.append('@').append(client);
        }
        if (program != null && !program.isBlank()) {
            sb.append(", program '").append(program).append('\'');
        }
        if (state != null && !state.isBlank()) {
            sb.append(", ").append(state.toLowerCase(Locale.ROOT));
            if (seconds >= 0) {
                sb.append(" for ").append(seconds).append(" s");
            }
        }
        if (busy && statement != null && !statement.isBlank()) {
            String st = statement.strip().replaceAll("\\s+", " ");
            sb.append(", running: ").append(st.length() > 120 ? st.substring(0, 117) + "..." : st);
        }
        return sb.append(')').toString();
    }
}
