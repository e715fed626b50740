package dev.signingsuite.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureEvidenceTest {

    @Test
    @SuppressWarnings("unchecked")
    void readsTheTimestampSerialAndTsaAndHashesTheOcspResponse() {
        CadesSamples.Sample sample = CadesSamples.signature();

        Map<String, Object> evidence = SignatureEvidence.of(sample.cms());

        List<Map<String, Object>> timestamps = (List<Map<String, Object>>) evidence.get("timestamps");
        assertThat(timestamps).hasSize(1);
        assertThat(timestamps.get(0))
                .containsEntry("kind", "signature")
                .containsEntry("serialNumber", "5eed")
                .containsEntry("genTime", CadesSamples.AT.toString());
        assertThat((String) timestamps.get(0).get("tsa")).contains("CN=Audit Test TSA");
        assertThat(evidence.get("ocspResponsesSha256"))
                .isEqualTo(List.of(SignatureEvidence.sha256(sample.ocspResponse())));
    }

    @Test
    void somethingThatIsNoSignatureIsSaidToBeSo() {
        assertThatThrownBy(() -> SignatureEvidence.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no CMS SignedData");
    }
}
