package dev.signingsuite.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shared contract's properties whose binding class is not on the class path yet (see the file). */
final class PendingContract {

    private static final String FILE = "pending-contract-properties.txt";

    private PendingContract() {}

    static void addTo(PropertyCatalog catalog) {
        try (InputStream in = PendingContract.class.getClassLoader().getResourceAsStream(FILE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                if (!onClassPath(parts[0])) {
                    catalog.add(parts[1], false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, PendingContract.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
