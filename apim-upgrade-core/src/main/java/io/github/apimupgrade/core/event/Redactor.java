package io.github.apimupgrade.core.event;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it is logged, reported or put in an exception: every registered secret value,
 * plus password-like parameters in JDBC URLs and {@code password = "..."} assignments.
 */
public final class Redactor {
    private static final Pattern URL_PASSWORD =
            Pattern.compile("(?i)((?:password|pwd|passwd)=)([^;&\\s\"']+)");
    private static final Pattern ASSIGNED_PASSWORD =
            Pattern.compile("(?i)((?:password|key_password|pass)\\s*=\\s*\")([^\"$][^\"]*)(\")");
    private static final String MASK = "****";

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public void register(String secret) {
        if (secret != null && secret.length() >= 3 && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public void registerAll(Collection<String> values) {
        values.forEach(this::register);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        out = URL_PASSWORD.matcher(out).replaceAll("$1" + MASK);
        out = ASSIGNED_PASSWORD.matcher(out).replaceAll("$1" + MASK + "$3");
        return out;
    }

    /** A sink that redacts every message before passing it on. */
    public EventSink wrap(EventSink sink) {
        return new EventSink() {
            @Override
            public void emit(UpgradeEvent e) {
                sink.emit(new UpgradeEvent(e.level(), e.stepId(), redact(e.message()), e.at()));
            }

            @Override
            public boolean detailEnabled() {
                return sink.detailEnabled();
            }
        };
    }
}
