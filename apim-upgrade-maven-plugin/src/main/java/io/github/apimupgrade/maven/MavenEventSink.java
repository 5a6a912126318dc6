package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.UpgradeEvent;
import org.apache.maven.plugin.logging.Log;

/** Engine events to the Maven log: lifecycle and progress at info, details at debug. Already redacted. */
final class MavenEventSink implements EventSink {
    private final Log log;

    MavenEventSink(Log log) {
        this.log = log;
    }

    /** Details go to debug: without -X nobody sees them, so the supervisor does not redact and send each log line. */
    @Override
    public boolean detailEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public synchronized void emit(UpgradeEvent e) {
        String msg = e.stepId() == null || e.level() == UpgradeEvent.Level.LIFECYCLE ? e.message() : "[" + e.stepId() + "] " + e.message();
        switch (e.level()) {
            case LIFECYCLE, PROGRESS -> log.info(msg);
            case DETAIL -> log.debug(msg);
            case WARN -> log.warn(msg);
            case ERROR -> log.error(msg);
            default -> log.info(msg);
        }
    }
}
