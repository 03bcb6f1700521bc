package dev.mysqlcs.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin's version, stamped by the build ({@code provider.properties}, filtered from the pom's
 * {@code project.version}): what GetPluginInfo and the schema report.
 */
final class ProviderVersion {

    static final String RESOURCE = "provider.properties";

    private ProviderVersion() {}

    static String read() {
        try (InputStream in = ProviderVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the provider jar: build it with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isBlank() || v.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " holds no built version: '" + v + "'");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
