package io.github.apimupgrade.core.api;

import java.util.List;

/**
 * Choices for copying resources from the old home.
 *
 * @param stockJars   jar file name patterns (glob) that are part of the product, never copied
 * @param customJars  jar file name patterns (glob) that are the user's own, always copied
 */
public record ResourceOptions(List<String> stockJars, List<String> customJars) {

    public static ResourceOptions defaults() {
        return new ResourceOptions(List.of(), List.of());
    }
}
