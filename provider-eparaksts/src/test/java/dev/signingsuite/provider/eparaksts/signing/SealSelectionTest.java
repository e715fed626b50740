package dev.signingsuite.provider.eparaksts.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.provider.eparaksts.client.SealIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealSelectionTest {

    private static final SealIdentity INVOICING = seal("id-1", "CN:SIA DEMO QSEALC (Testēšana) : eZīmogs");
    private static final SealIdentity LOGISTICS = seal("id-2", "CN:SIA DEMO QSEALC : eZīmogs");

    @Test
    void aCnLabelOrAnIdPicksThatSeal() {
        assertThat(select("CN:SIA DEMO QSEALC : eZīmogs", List.of(INVOICING, LOGISTICS), null))
                .isEqualTo(LOGISTICS);
        assertThat(select("id-1", List.of(INVOICING, LOGISTICS), null)).isEqualTo(INVOICING);
    }

    @Test
    void qsealcMeansTheDefaultSealOrTheOnlyOne() {
        assertThat(select("qsealc", List.of(INVOICING, LOGISTICS), "CN:SIA DEMO QSEALC : eZīmogs"))
                .isEqualTo(LOGISTICS);
        assertThat(select("qsealc", List.of(INVOICING), null)).isEqualTo(INVOICING);
    }

    @Test
    void ambiguityAndUnknownSealsAreExplained() {
        StringBuilder why = new StringBuilder();
        assertThat(SealSelection.select("qsealc", List.of(INVOICING, LOGISTICS), null, why))
                .isEmpty();
        assertThat(why).contains("2 seals");
        why.setLength(0);
        assertThat(SealSelection.select("CN:Other : eZīmogs", List.of(INVOICING), null, why))
                .isEmpty();
        assertThat(why).contains("CN:Other : eZīmogs");
    }

    private static SealIdentity select(String requested, List<SealIdentity> seals, String defaultSeal) {
        return SealSelection.select(requested, seals, defaultSeal, new StringBuilder())
                .orElseThrow();
    }

    private static SealIdentity seal(String id, String cn) {
        return new SealIdentity(id, cn, List.of("qsealc", cn), null);
    }
}
