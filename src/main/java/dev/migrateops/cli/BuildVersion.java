package dev.migrateops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: what the build wrote into {@code META-INF/build-info.properties}. */
final class BuildVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = properties();
        if (build.isEmpty()) {
            return new String[] {"migrateops (a development build without build information)"};
        }
        return new String[] {"migrateops " + build.getProperty("build.version", "?") + " (built " + build.getProperty("build.time", "?")
                + ")", "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}; "development" without build information. */
    static String number() {
        try {
            return properties().getProperty("build.version", "development");
        } catch (IOException e) {
            return "development";
        }
    }

    private static Properties properties() throws IOException {
        Properties build = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return build;
    }
}
