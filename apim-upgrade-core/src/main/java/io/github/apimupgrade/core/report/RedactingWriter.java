package io.github.apimupgrade.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * Passes each line through the redactor on its way to the file, so that reports can be written as they are produced
 * and still never carry a secret a step put into a detail. The redactor's patterns are line-based (a TOML
 * {@code password = "..."}, a URL's {@code user:pass@}): one line is held at a time, never the whole report.
 */
final class RedactingWriter extends Writer {
    private final Writer out;
    private final UnaryOperator<String> redact;
    private final StringBuilder line = new StringBuilder();

    RedactingWriter(Writer out, UnaryOperator<String> redact) {
        this.out = out;
        this.redact = redact;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            line.append(c);
            if (c == '\n') {
                emit();
            }
        }
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            out.write(redact.apply(line.toString()));
            line.setLength(0);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush(); // a partial line stays held until its end: redacting half a line could miss a secret
    }

    @Override
    public void close() throws IOException {
        emit();
        out.close();
    }
}
