package io.github.apimupgrade.core.config.toml;

import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Rendering of keys and values as TOML text, and comparison of values. */
final class TomlText {
    private TomlText() {
    }

    static boolean isBareKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    static boolean isBareKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!isBareKeyChar(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** One key part: bare when possible, else a 'literal' (the stock file's style), else a "basic" string. */
    static String key(String part) {
        if (isBareKey(part)) {
            return part;
        }
        boolean literalOk = part.chars().noneMatch(c -> c == '\'' || c < 0x20 || c == 0x7f);
        return literalOk ? "'" + part + "'" : basicString(part);
    }

    static String keyPath(List<String> parts) {
        return parts.stream().map(TomlText::key).collect(Collectors.joining("."));
    }

    /** Renders String, Integer/Long, Boolean, Double/Float and lists of those. */
    static String value(Object v) {
        if (v instanceof String s) {
            return basicString(s);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return v.toString();
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            String s = Double.toString(d);
            return s.contains(".") || s.contains("E") ? s.replace("E", "e") : s + ".0";
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(TomlText::value).collect(Collectors.joining(", ", "[", "]"));
        }
        throw new IllegalArgumentException("Cannot write a " + (v == null ? "null" : v.getClass().getSimpleName())
                + " to TOML: use String, Long, Integer, Boolean, Double or a List of those");
    }

    static String basicString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String unescapeBasic(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    /** tomlj values as plain Java: TomlArray -> List, TomlTable -> Map, integers stay Long. */
    static Object plain(Object v) {
        if (v instanceof TomlArray a) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(plain(a.get(i)));
            }
            return out;
        }
        if (v instanceof TomlTable t) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : t.keySet()) {
                out.put(k, plain(t.get(List.of(k))));
            }
            return out;
        }
        return v;
    }

    /** Same TOML value (Integer and Long compare as integers, lists element by element). */
    static boolean sameValue(Object existing, Object wanted) {
        Object a = normalize(existing);
        Object b = normalize(wanted);
        return Objects.equals(a, b);
    }

    private static Object normalize(Object v) {
        v = plain(v);
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(TomlText::normalize).toList();
        }
        return v;
    }
}
