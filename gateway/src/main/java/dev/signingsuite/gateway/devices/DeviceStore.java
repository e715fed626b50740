package dev.signingsuite.gateway.devices;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registered devices in PostgreSQL ({@code signing_devices}), always read by tenant. */
final class DeviceStore {

    private final JdbcClient jdbc;

    DeviceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(RegisteredDevice device) {
        List<byte[]> issuers = new ArrayList<>();
        for (X509Certificate issuer : device.chain().subList(1, device.chain().size())) {
            issuers.add(der(issuer));
        }
        jdbc.sql("""
                        INSERT INTO signing_devices (id, tenant_id, person_id, signer, certificate, chain, created_at)
                        VALUES (:id, :tenant, :person, :signer, :certificate, :chain, :created)
                        """)
                .param("id", device.id())
                .param("tenant", device.tenantId())
                .param("person", device.personId())
                .param("signer", device.signer())
                .param("certificate", der(device.certificate()))
                .param("chain", issuers.toArray(byte[][]::new))
                .param("created", Timestamp.from(device.createdAt()))
                .update();
    }

    /** The tenant's device; another tenant's answers empty, as an unknown one. */
    Optional<RegisteredDevice> find(String tenantId, String deviceId) {
        return jdbc.sql("SELECT * FROM signing_devices WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId)
                .param("id", deviceId)
                .query((rs, n) -> read(rs))
                .optional();
    }

    private static RegisteredDevice read(ResultSet rs) throws SQLException {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate(rs.getBytes("certificate")));
        Array issuers = rs.getArray("chain");
        for (Object issuer : (Object[]) issuers.getArray()) {
            chain.add(certificate((byte[]) issuer));
        }
        return new RegisteredDevice(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("person_id"),
                rs.getString("signer"),
                chain,
                rs.getTimestamp("created_at").toInstant());
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("a stored device certificate does not parse", e);
        }
    }
}
