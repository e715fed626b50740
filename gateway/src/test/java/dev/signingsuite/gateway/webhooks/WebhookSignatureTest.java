package dev.signingsuite.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks reference libraries (webhooks.fyi test vector). */
    @Test
    void signsTheSpecificationsExample() {
        byte[] key = WebhookSignature.keyOf("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String body = "{\"test\": 2432232314}";

        assertThat(WebhookSignature.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void refusesSecretsThatAreNotWhsecBase64OfEnoughBytes() {
        assertThatThrownBy(() -> WebhookSignature.keyOf("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("must start with whsec_");
        assertThatThrownBy(() -> WebhookSignature.keyOf("whsec_not base64!"))
                .hasMessageContaining("not whsec_<base64>");
        assertThatThrownBy(() -> WebhookSignature.keyOf("whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 bytes")
                .hasMessageNotContaining("c2hvcnQ");
    }
}
