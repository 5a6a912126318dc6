package io.github.apimupgrade.core.config.legacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Typed views of an old (XML-era) installation's {@code repository/conf} files. A missing file is empty (not an
 * error: the step says what it could not check); a malformed one fails naming file and line.
 */
public record LegacyConfig(Path conf, Optional<RegistryXml> registry, Optional<UserMgtXml> userMgt,
                           Optional<ApiManagerXml> apiManager, Optional<CarbonXml> carbon) {

    public static LegacyConfig read(Path conf) {
        return new LegacyConfig(conf,
                file(conf, "registry.xml").map(RegistryXml::read),
                file(conf, "user-mgt.xml").map(UserMgtXml::read),
                file(conf, "api-manager.xml").map(ApiManagerXml::read),
                file(conf, "carbon.xml").map(CarbonXml::read));
    }

    private static Optional<Path> file(Path conf, String name) {
        Path p = conf.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
