package dev.signingsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import org.junit.jupiter.api.Test;

class ApiValuesTest {

    @Test
    void knownValuesConvertWhateverTheirCase() {
        UploadForm form = UploadForm.of(Provider.CSC, "seal", " lt ", "asic_e_cades", null, null);

        assertThat(form.level()).isEqualTo(SignatureLevel.LT);
        assertThat(form.format()).isEqualTo(SignatureFormat.ASIC_E_CADES);
        assertThat(ApiValues.format("asic_e_xades")).isEqualTo(SignatureFormat.ASIC_E_XADES);
    }

    @Test
    void anUnknownOrUnsupportedValueNamesTheValuesThereAre() {
        assertThatThrownBy(() -> UploadForm.of(Provider.CSC, "seal", "XL", "ASIC_E_CADES", null, null))
                .isInstanceOf(ApiProblem.class)
                .extracting(e -> ((ApiProblem) e).getBody().getDetail())
                .isEqualTo("unknown level 'XL'; expected B, T, LT or LTA");
        assertThat(ApiValues.format("pades")).isEqualTo(SignatureFormat.PADES);
        assertThatThrownBy(() -> ApiValues.format("zip"))
                .hasMessage("unknown format 'zip'; expected ASIC_E_CADES, ASIC_E_XADES or PADES");
    }
}
