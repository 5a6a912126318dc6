package io.github.apimupgrade.core.steps.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A fresh {@link ServerStepFixture} (homes, stand-in server, H2 API-M database) per test, closed afterwards. */
@DisabledOnOs(OS.WINDOWS)
abstract class ServerStepTestSupport {
    @TempDir
    Path dir;
    ServerStepFixture f;

    @BeforeEach
    void createFixture() throws Exception {
        f = new ServerStepFixture(dir);
    }

    @AfterEach
    void closeFixture() {
        f.close();
    }
}
