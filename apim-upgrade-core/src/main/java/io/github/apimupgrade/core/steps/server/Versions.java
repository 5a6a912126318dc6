package io.github.apimupgrade.core.steps.server;

/** Numeric comparison of dotted versions ("5.11.0" after "5.9.0"). */
final class Versions {
    private Versions() {
    }

    static boolean atLeast(String version, String minimum) {
        if (version == null) {
            return false;
        }
        String[] a = version.split("\\.");
        String[] b = minimum.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? parse(a[i]) : 0;
            int y = i < b.length ? parse(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
