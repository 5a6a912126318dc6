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

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1));
    }
}
