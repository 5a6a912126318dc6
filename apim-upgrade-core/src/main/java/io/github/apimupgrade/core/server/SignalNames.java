package io.github.apimupgrade.core.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * Learns which signal shuts the JVM down, so a cancel says "SIGTERM" or "SIGINT (Ctrl-C)": a handler chained in
 * front of the JVM's own for TERM and INT notes the name, then calls the previous handler (the JVM's, which starts
 * the shutdown). Through reflection on {@code sun.misc.Signal} (module jdk.unsupported): where it is missing, or a
 * signal is ignored (a background job's SIGINT, {@code -Xrs}), nothing is installed and the shutdown hook alone
 * cancels the run.
 */
final class SignalNames {

    private SignalNames() {
    }

    static void install(Consumer<String> onSignal) {
        chain("TERM", "SIGTERM", onSignal);
        chain("INT", "SIGINT (Ctrl-C)", onSignal);
    }

    private static void chain(String name, String display, Consumer<String> onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object ignore = handlerClass.getField("SIG_IGN").get(null);
            Object dfl = handlerClass.getField("SIG_DFL").get(null);
            Object[] previous = new Object[1];
            InvocationHandler ours = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    onSignal.accept(display);
                    Object prev = previous[0];
                    if (prev == null || prev == dfl) {
                        Runtime.getRuntime().exit(128 + (name.equals("TERM") ? 15 : 2));
                    } else {
                        handlerClass.getMethod("handle", signalClass).invoke(prev, args[0]);
                    }
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "apim-upgrade signal handler " + name;
                };
            };
            Object proxy = Proxy.newProxyInstance(SignalNames.class.getClassLoader(), new Class<?>[]{handlerClass}, ours);
            Object prev = handle.invoke(null, signal, proxy);
            if (prev == ignore) {
                handle.invoke(null, signal, ignore); // the signal was ignored on purpose: keep it so
                return;
            }
            previous[0] = prev;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal, or the JVM refuses (-Xrs): the shutdown hook still cancels, without the name
        }
    }
}
