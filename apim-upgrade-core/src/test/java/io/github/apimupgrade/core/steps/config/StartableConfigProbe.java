package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.steps.StepContext;

import java.util.List;

/** Test access to {@link StartableConfig#problems} from other packages. */
public final class StartableConfigProbe {
    private StartableConfigProbe() {
    }

    public static List<String> problems(StepContext context, String toml) {
        return StartableConfig.problems(context, toml);
    }
}
