package io.github.apimupgrade.core.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal new (4.1.0-shaped) home: bin/version.txt and a small deployment.toml with a user comment. */
public final class NewHomeFixture {
    private NewHomeFixture() {
    }

    public static Path write(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("repository/conf"));
        Files.createDirectories(home.resolve("repository/components/dropins"));
        Files.createDirectories(home.resolve("repository/components/lib"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v" + version + "\n");
        Files.writeString(home.resolve("repository/conf/deployment.toml"), """
                [server]
                hostname = "localhost"
                # our operators keep the offset at zero
                #offset=0

                [super_admin]
                username = "admin"
                password = "admin"
                create_admin_account = true

                [database.apim_db]
                type = "h2"
                url = "jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE"
                username = "wso2carbon"
                password = "wso2carbon"
                """);
        return home;
    }
}
