package dev.signingsuite.sandbox.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The PKI's files in its data directory: {@code <name>.p12} (key and chain), {@code <name>.pem}
 * (certificate), {@code revocations.properties} and {@code retired-serials.txt} (certificates that
 * were renewed). Every file is written to a temporary file and
 * moved into place atomically, so a reader sees a complete file or none.
 */
final class PkiStore {

    static final String REVOCATIONS = "revocations.properties";
    static final String RETIRED = "retired-serials.txt";
    // Test keys, not secrets: the password only satisfies the PKCS#12 format and tools like keytool.
    static final char[] PASSWORD = "sandbox".toCharArray();

    // FileLock is held per JVM, and a second lock from the same JVM fails instead of waiting.
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final Path dir;

    PkiStore(Path dir) {
        this.dir = dir;
    }

    /** Excludes other threads and processes while the PKI is loaded or generated. */
    Lock lock() throws IOException {
        Files.createDirectories(dir);
        JVM_LOCK.lock();
        try {
            FileChannel channel =
                    FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Lock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            JVM_LOCK.unlock();
            throw e;
        }
    }

    Optional<PkiEntity> load(String name) throws IOException {
        Path file = dir.resolve(name + ".p12");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(Files.readAllBytes(file)), PASSWORD);
            PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD);
            Certificate[] chain = store.getCertificateChain(name);
            if (key == null || chain == null) {
                throw new IOException(file + " has no key entry '" + name + "'; delete " + dir + " to regenerate");
            }
            List<X509Certificate> certificates =
                    Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return Optional.of(new PkiEntity(name, key, certificates.get(0), certificates));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + file + "; delete " + dir + " to regenerate", e);
        }
    }

    void save(PkiEntity entity) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    entity.name(), entity.privateKey(), PASSWORD, entity.chain().toArray(Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, PASSWORD);
            // The PEM first: once the .p12 exists the entity counts as generated.
            writeAtomically(entity.name() + ".pem", pem(entity.certificate()));
            writeAtomically(entity.name() + ".p12", out.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key store of " + entity.name(), e);
        }
    }

    Map<BigInteger, RevocationStatus.Revoked> loadRevocations() throws IOException {
        Map<BigInteger, RevocationStatus.Revoked> revocations = new TreeMap<>();
        Path file = dir.resolve(REVOCATIONS);
        if (!Files.exists(file)) {
            return revocations;
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        for (String serial : properties.stringPropertyNames()) {
            String[] value = properties.getProperty(serial).split(",");
            try {
                revocations.put(
                        new BigInteger(serial, 16),
                        new RevocationStatus.Revoked(
                                Instant.parse(value[0].trim()), Integer.parseInt(value[1].trim())));
            } catch (RuntimeException e) {
                throw new IOException("bad entry in " + file + ": " + serial, e);
            }
        }
        return revocations;
    }

    void saveRevocations(Map<BigInteger, RevocationStatus.Revoked> revocations) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# serial number (hex) = revocation time, RFC 5280 CRLReason code (1 = keyCompromise)\n");
        new TreeMap<>(revocations)
                .forEach((serial, revoked) -> text.append(serial.toString(16))
                        .append('=')
                        .append(revoked.revokedAt())
                        .append(',')
                        .append(revoked.reason())
                        .append('\n'));
        writeAtomically(REVOCATIONS, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Serial numbers of certificates that were replaced by renewal: the PKI issued them all the same. */
    Set<BigInteger> loadRetired() throws IOException {
        Set<BigInteger> retired = new TreeSet<>();
        Path file = dir.resolve(RETIRED);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String serial = line.strip();
                if (!serial.isEmpty() && !serial.startsWith("#")) {
                    try {
                        retired.add(new BigInteger(serial, 16));
                    } catch (NumberFormatException e) {
                        throw new IOException("bad entry in " + file + ": " + serial, e);
                    }
                }
            }
        }
        return retired;
    }

    void saveRetired(Set<BigInteger> retired) throws IOException {
        StringBuilder text = new StringBuilder("# serial numbers (hex) of renewed certificates\n");
        new TreeSet<>(retired)
                .forEach(serial -> text.append(serial.toString(16)).append('\n'));
        writeAtomically(RETIRED, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] pem(X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void writeAtomically(String name, byte[] content) throws IOException {
        writeAtomically(dir.resolve(name), content);
    }

    /** Releases the file lock and then the JVM lock. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock fileLock;

        private Lock(FileChannel channel, FileLock fileLock) {
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() throws IOException {
            try {
                fileLock.release();
                channel.close();
            } finally {
                JVM_LOCK.unlock();
            }
        }
    }
}
