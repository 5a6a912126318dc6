package io.github.apimupgrade.core.files;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.Arrays;
import java.util.List;

/** Unified diffs for plans and dry runs (java-diff-utils does the work). */
public final class UnifiedDiff {
    private UnifiedDiff() {
    }

    /** A unified diff with 3 lines of context; empty when the texts are equal. */
    public static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, 3);
        return String.join("\n", diff) + "\n";
    }

    /** "+added -removed" line counts. */
    public static String stat(String before, String after) {
        Patch<String> patch = DiffUtils.diff(lines(before), lines(after));
        int added = 0;
        int removed = 0;
        for (var d : patch.getDeltas()) {
            added += d.getTarget().size();
            removed += d.getSource().size();
        }
        return "+" + added + " -" + removed;
    }

    /**
     * One file's change in the format {@code git apply} reads: a {@code diff --git a/P b/P} header, {@code new file}
     * / {@code deleted file} with {@code /dev/null} for a file created or removed, hunks with 3 lines of context, and
     * "\\ No newline at end of file" where a side's last line has no line break. Lines are compared with their line
     * breaks, so a change of only the final newline (or CRLF) is a change. Empty when nothing changes.
     *
     * @param path   the path relative to the directory the patch is applied in
     * @param before the current text, or null when the file does not exist
     * @param after  the text to write, or null when the file is removed
     */
    public static String gitPatch(String path, String before, String after) {
        if (java.util.Objects.equals(before, after) || (before == null && after == null)) {
            return "";
        }
        List<String> a = linesWithBreaks(before == null ? "" : before);
        List<String> b = linesWithBreaks(after == null ? "" : after);
        StringBuilder out = new StringBuilder();
        out.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
        if (before == null) {
            out.append("new file mode 100644\n");
        } else if (after == null) {
            out.append("deleted file mode 100644\n");
        }
        if (a.equals(b)) { // an empty file created or removed: the header says it all
            return out.toString();
        }
        out.append("--- ").append(before == null ? "/dev/null" : "a/" + path).append('\n');
        out.append("+++ ").append(after == null ? "/dev/null" : "b/" + path).append('\n');
        List<com.github.difflib.patch.AbstractDelta<String>> deltas = DiffUtils.diff(a, b).getDeltas();
        int i = 0;
        while (i < deltas.size()) {
            // deltas closer than twice the context share one hunk
            int j = i;
            while (j + 1 < deltas.size() && deltas.get(j + 1).getSource().getPosition()
                    - end(deltas.get(j)) <= 2 * CONTEXT) {
                j++;
            }
            int aStart = Math.max(0, deltas.get(i).getSource().getPosition() - CONTEXT);
            int aEnd = Math.min(a.size(), end(deltas.get(j)) + CONTEXT);
            int bStart = aStart + deltas.get(i).getTarget().getPosition() - deltas.get(i).getSource().getPosition();
            StringBuilder body = new StringBuilder();
            int bCount = 0;
            int pos = aStart;
            for (int k = i; k <= j; k++) {
                var d = deltas.get(k);
                for (; pos < d.getSource().getPosition(); pos++) {
                    line(body, ' ', a.get(pos));
                    bCount++;
                }
                for (String l : d.getSource().getLines()) {
                    line(body, '-', l);
                }
                for (String l : d.getTarget().getLines()) {
                    line(body, '+', l);
                    bCount++;
                }
                pos = end(d);
            }
            for (; pos < aEnd; pos++) {
                line(body, ' ', a.get(pos));
                bCount++;
            }
            int aCount = aEnd - aStart;
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n")
                    .append(body);
            i = j + 1;
        }
        return out.toString();
    }

    private static final int CONTEXT = 3;

    private static int end(com.github.difflib.patch.AbstractDelta<String> d) {
        return d.getSource().getPosition() + d.getSource().size();
    }

    /** "start,count" as unified diffs number lines: 1-based, and the line before for an empty range. */
    private static String range(int start, int count) {
        return (count == 0 ? start : start + 1) + "," + count;
    }

    private static void line(StringBuilder out, char prefix, String l) {
        out.append(prefix).append(l);
        if (!l.endsWith("\n")) {
            out.append("\n\\ No newline at end of file\n");
        }
    }

    /** The lines of {@code s}, each with its line break (the last one may have none). */
    static List<String> linesWithBreaks(String s) {
        List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                out.add(s.substring(start, k + 1));
                start = k + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1));
    }
}
