package io.github.apimupgrade.core.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A bounded record of log lines: the first {@code n}, the last {@code n} and how many there were. A migration that
 * fails on every row logs hundreds of thousands of ERROR lines; the report needs the first (the cause) and the last
 * (where it ended), not all of them in memory.
 */
final class ErrorSample {
    private final int n;
    private final List<String> first = new ArrayList<>();
    private final Deque<String> last = new ArrayDeque<>();
    private long count;

    ErrorSample(int n) {
        this.n = n;
    }

    void add(String line) {
        count++;
        if (first.size() < n) {
            first.add(line);
            return;
        }
        last.addLast(line);
        if (last.size() > n) {
            last.removeFirst();
        }
    }

    /** Appends to the line added last (its exception line); that line is always still held. */
    void appendToLast(String suffix) {
        if (!last.isEmpty()) {
            last.addLast(last.removeLast() + suffix);
        } else if (!first.isEmpty()) {
            first.set(first.size() - 1, first.get(first.size() - 1) + suffix);
        }
    }

    /** Takes back the line added last (it turned out to belong to another sample). */
    String removeLast() {
        count--;
        return !last.isEmpty() ? last.removeLast() : first.remove(first.size() - 1);
    }

    long count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The held lines in order, with one line saying how many were left out between the first and the last ones. */
    List<String> lines() {
        List<String> out = new ArrayList<>(first);
        long omitted = count - first.size() - last.size();
        if (omitted > 0) {
            out.add("... " + omitted + " more line(s) like these ...");
        }
        out.addAll(last);
        return out;
    }
}
