package io.github.apimupgrade.core.path;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Strict binding of the catalogue's YAML (SnakeYAML's maps, lists and scalars) onto records: every component of the
 * record is a required key, a key the record does not have, a value of the wrong type or a missing key fails with a
 * message naming where it is and listing the allowed keys. No defaults: a path states each of its choices, so a new
 * hop cannot inherit another hop's behaviour by leaving a key out.
 *
 * <p>Component types: {@code String}, {@code boolean}, {@code int}, enums (written in lower case with hyphens:
 * {@code required}, {@code tenant-directories}), records (a nested map), {@code List<T>} and
 * {@code Map<String, T>} of those, and {@code Object} (taken as it is, for a part bound later).
 */
final class CatalogBinder {
    private CatalogBinder() {
    }

    /** A catalogue defect: the message names the file, the entry and the key. */
    static final class CatalogException extends IllegalStateException {
        CatalogException(String message) {
            super(message);
        }
    }

    static <R extends Record> R bind(Object yaml, Class<R> type, String where) {
        return type.cast(value(yaml, type, where));
    }

    static Object value(Object yaml, Type type, String where) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type arg = p.getActualTypeArguments()[raw == Map.class ? 1 : 0];
            if (raw == List.class) {
                if (!(yaml instanceof List<?> list)) {
                    throw wrong(where, "a list", yaml);
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(value(list.get(i), arg, where + "[" + i + "]"));
                }
                return List.copyOf(out);
            }
            if (raw == Map.class) {
                if (!(yaml instanceof Map<?, ?> map)) {
                    throw wrong(where, "a map", yaml);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), value(v, arg, where + "." + k)));
                return java.util.Collections.unmodifiableMap(out);
            }
            throw new IllegalArgumentException("unsupported catalogue type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == Object.class) {
            return yaml;
        }
        if (yaml == null) {
            throw new CatalogException(where + ": a value is required (null given)");
        }
        if (c == String.class) {
            if (!(yaml instanceof String s)) {
                throw wrong(where, "a string (quote version numbers: \"4.1.0\")", yaml);
            }
            return s;
        }
        if (c == boolean.class || c == Boolean.class) {
            if (!(yaml instanceof Boolean b)) {
                throw wrong(where, "true or false", yaml);
            }
            return b;
        }
        if (c == int.class || c == Integer.class) {
            if (!(yaml instanceof Integer i)) {
                throw wrong(where, "an integer", yaml);
            }
            return i;
        }
        if (c.isEnum()) {
            String allowed = Arrays.stream(c.getEnumConstants()).map(e -> yamlName((Enum<?>) e))
                    .collect(Collectors.joining(", "));
            for (Object e : c.getEnumConstants()) {
                if (yamlName((Enum<?>) e).equals(yaml)) {
                    return e;
                }
            }
            throw new CatalogException(where + ": '" + yaml + "' is not one of " + allowed);
        }
        if (c.isRecord()) {
            return record(yaml, c, where);
        }
        throw new IllegalArgumentException("unsupported catalogue type " + type);
    }

    private static Object record(Object yaml, Class<?> type, String where) {
        RecordComponent[] components = type.getRecordComponents();
        String allowed = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", "));
        if (!(yaml instanceof Map<?, ?> map)) {
            throw new CatalogException(where + ": expected a map with the keys " + allowed + ", not " + describe(yaml));
        }
        for (Object key : map.keySet()) {
            if (Arrays.stream(components).noneMatch(rc -> rc.getName().equals(key))) {
                throw new CatalogException(where + ": unknown key '" + key + "' (allowed keys: " + allowed + ")");
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            if (!map.containsKey(rc.getName())) {
                throw new CatalogException(where + ": missing key '" + rc.getName() + "' (allowed keys: " + allowed + ")");
            }
            args[i] = value(map.get(rc.getName()), rc.getGenericType(), where + "." + rc.getName());
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new CatalogException(where + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code TENANT_DIRECTORIES} is written {@code tenant-directories}. */
    static String yamlName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static CatalogException wrong(String where, String expected, Object yaml) {
        return new CatalogException(where + ": expected " + expected + ", not " + describe(yaml));
    }

    private static String describe(Object yaml) {
        if (yaml == null) {
            return "nothing";
        }
        String kind = yaml instanceof Map ? "a map" : yaml instanceof List ? "a list" : yaml instanceof String ? "the string"
                : yaml.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        String text = String.valueOf(yaml);
        return kind + (yaml instanceof Map || yaml instanceof List ? "" : " '" + (text.length() > 60 ? text.substring(0, 60)
                + "..." : text) + "'");
    }
}
