package dev.signingsuite.container.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.enumerations.Context;
import eu.europa.esig.dss.enumerations.SubContext;
import eu.europa.esig.dss.model.policy.CryptographicSuite;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CryptographicSuitesOnceTest {

    private final ValidationPolicy dss =
            ValidationPolicyLoader.fromDefaultValidationPolicy().create();
    private final CryptographicSuitesOnce once = new CryptographicSuitesOnce(
            ValidationPolicyLoader.fromDefaultValidationPolicy().create());

    @Test
    void everyContextAnswersWhatDssBuildsAfreshButBuiltOnce() {
        int answered = 0;
        for (Context context : Context.values()) {
            answered += compare(
                    () -> dss.getSignatureCryptographicConstraint(context),
                    () -> once.getSignatureCryptographicConstraint(context));
            for (SubContext subContext : SubContext.values()) {
                answered += compare(
                        () -> dss.getCertificateCryptographicConstraint(context, subContext),
                        () -> once.getCertificateCryptographicConstraint(context, subContext));
            }
        }
        answered +=
                compare(dss::getEvidenceRecordCryptographicConstraint, once::getEvidenceRecordCryptographicConstraint);
        assertThat(answered).isGreaterThan(10);
    }

    /** DSS refuses some contexts: the wrapper refuses the same. Returns 1 when DSS answered. */
    private static int compare(Supplier<CryptographicSuite> fresh, Supplier<CryptographicSuite> kept) {
        CryptographicSuite expected;
        try {
            expected = fresh.get();
        } catch (UnsupportedOperationException e) {
            assertThatThrownBy(kept::get).isInstanceOf(UnsupportedOperationException.class);
            return 0;
        }
        assertSame(expected, kept.get());
        assertThat(kept.get()).isSameAs(kept.get());
        return 1;
    }

    @Test
    void dssBuildsANewSuiteOnEveryQuestion() {
        // Why the class exists: if DSS kept its suites, this wrapper would be dead weight.
        assertThat(dss.getSignatureCryptographicConstraint(Context.SIGNATURE))
                .isNotSameAs(dss.getSignatureCryptographicConstraint(Context.SIGNATURE));
    }

    private static void assertSame(CryptographicSuite fresh, CryptographicSuite kept) {
        if (fresh == null) {
            assertThat(kept).isNull();
            return;
        }
        assertThat(kept.getAcceptableSignatureAlgorithms()).isEqualTo(fresh.getAcceptableSignatureAlgorithms());
        assertThat(kept.getAcceptableDigestAlgorithms()).isEqualTo(fresh.getAcceptableDigestAlgorithms());
        assertThat(kept.getLevel()).isEqualTo(fresh.getLevel());
        assertThat(kept.getAcceptableSignatureAlgorithmsMiniKeySizeLevel())
                .isEqualTo(fresh.getAcceptableSignatureAlgorithmsMiniKeySizeLevel());
        assertThat(kept.getAlgorithmsExpirationDateLevel()).isEqualTo(fresh.getAlgorithmsExpirationDateLevel());
        assertThat(kept.getCryptographicSuiteUpdateDate()).isEqualTo(fresh.getCryptographicSuiteUpdateDate());
    }
}
