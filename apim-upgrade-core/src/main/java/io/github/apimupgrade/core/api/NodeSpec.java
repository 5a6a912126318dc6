package io.github.apimupgrade.core.api;

import java.nio.file.Path;

/**
 * One node of a distributed deployment as the POM's {@code <nodes><node>} gives it.
 *
 * @param id      the node's name, unique in the cluster; what {@code -Dapim.upgrade.node} takes (cp1, gw1)
 * @param profile the node's profile as written ({@code control-plane}, {@code gateway-worker}, ...), or null:
 *                detected from the old home's configuration
 * @param oldHome the node's installation being upgraded (a local directory or one the build machine mounted)
 * @param newHome the node's unpacked new API Manager
 */
public record NodeSpec(String id, String profile, Path oldHome, Path newHome) {
}
