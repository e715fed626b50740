package dev.signingsuite.container.validation;

import eu.europa.esig.dss.enumerations.Context;
import eu.europa.esig.dss.enumerations.SubContext;
import eu.europa.esig.dss.model.policy.CryptographicSuite;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.validation.policy.ValidationPolicyWithCryptographicSuite;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A validation policy whose cryptographic suites are built once per context. DSS's ETSI policy
 * builds a new suite on every question (merging the context's constraints into the global ones),
 * and each new suite parses every algorithm's expiration date from the policy again: about a fifth
 * of a container's validation time went to {@code SimpleDateFormat.parse} and the algorithm maps
 * (profile in docs/performance.md). The suites depend on the policy alone, never on the document or
 * the time, so one built for a context answers every later validation the same.
 */
final class CryptographicSuitesOnce extends ValidationPolicyWithCryptographicSuite {

    private record Key(String kind, Context context, SubContext subContext) {}

    private final Map<Key, Optional<CryptographicSuite>> suites = new ConcurrentHashMap<>();

    CryptographicSuitesOnce(ValidationPolicy policy) {
        super(policy);
    }

    @Override
    public CryptographicSuite getSignatureCryptographicConstraint(Context context) {
        return once(new Key("signature", context, null), () -> super.getSignatureCryptographicConstraint(context));
    }

    @Override
    public CryptographicSuite getCertificateCryptographicConstraint(Context context, SubContext subContext) {
        return once(
                new Key("certificate", context, subContext),
                () -> super.getCertificateCryptographicConstraint(context, subContext));
    }

    @Override
    public CryptographicSuite getEvidenceRecordCryptographicConstraint() {
        return once(new Key("evidence-record", null, null), super::getEvidenceRecordCryptographicConstraint);
    }

    private CryptographicSuite once(Key key, Supplier<CryptographicSuite> build) {
        return suites.computeIfAbsent(key, k -> Optional.ofNullable(build.get()).map(CryptographicSuitesOnce::built))
                .orElse(null);
    }

    // DSS's suite fills its algorithm maps on first use without synchronisation: fill them here,
    // before the map publishes the suite to the other validating threads.
    private static CryptographicSuite built(CryptographicSuite suite) {
        suite.getAcceptableDigestAlgorithms();
        suite.getAcceptableSignatureAlgorithms();
        return suite;
    }
}
