package io.github.apimupgrade.core.server;

import java.io.IOException;

/** Starts external processes; injected so tests can substitute the program. */
@FunctionalInterface
public interface ProcessLauncher {

    Process start(ProcessBuilder builder) throws IOException;

    static ProcessLauncher system() {
        return ProcessBuilder::start;
    }
}
