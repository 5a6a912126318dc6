package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.UpgradeEvent;
import org.apache.maven.plugin.logging.Log;

/**
 * Engine events to the Maven log: lifecycle and progress at info, details at debug. Already redacted. With a
 * {@link LiveStatus} (interactive console only) its line is cleared before each log line and drawn again after it.
 */
final class MavenEventSink implements EventSink {
    private final Log log;
    private final LiveStatus live;

    MavenEventSink(Log log) {
        this(log, null);
    }

    MavenEventSink(Log log, LiveStatus live) {
        this.log = log;
        this.live = live;
    }

    /** Details go to debug: without -X nobody sees them, so the supervisor does not redact and send each log line. */
    @Override
    public boolean detailEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public synchronized void emit(UpgradeEvent e) {
        String msg = e.stepId() == null || e.level() == UpgradeEvent.Level.LIFECYCLE ? e.message() : "[" + e.stepId() + "] " + e.message();
        if (live != null) {
            live.event(e);
            if (e.level() == UpgradeEvent.Level.DETAIL && !log.isDebugEnabled()) {
                return; // nothing is printed: the line stays as it is
            }
            live.clear();
        }
        switch (e.level()) {
            case LIFECYCLE, PROGRESS -> log.info(msg);
            case DETAIL -> log.debug(msg);
            case WARN -> log.warn(msg);
            case ERROR -> log.error(msg);
            default -> log.info(msg);
        }
        if (live != null) {
            live.redraw();
        }
    }
}
