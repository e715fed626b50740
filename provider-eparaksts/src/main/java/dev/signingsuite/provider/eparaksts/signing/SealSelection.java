package dev.signingsuite.provider.eparaksts.signing;

import dev.signingsuite.provider.eparaksts.client.SealIdentity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the person's seals a document's {@code signer.identity} names: a {@code CN:<org> :
 * eZīmogs} label or an identity id picks that seal; a generic label ({@code qsealc}, {@code
 * esealc}, {@code eparaksts}) picks the configured default seal, or the only one.
 */
final class SealSelection {

    private static final Set<String> GENERIC = Set.of("qsealc", "esealc", "eparaksts");

    private SealSelection() {}

    /** The seal, or empty with no match; {@code why} receives the reason. */
    static Optional<SealIdentity> select(
            String requested, List<SealIdentity> seals, String defaultSeal, StringBuilder why) {
        String wanted = requested;
        if (GENERIC.contains(requested)) {
            if (defaultSeal != null && !defaultSeal.isBlank()) {
                wanted = defaultSeal;
            } else if (seals.size() == 1) {
                return Optional.of(seals.get(0));
            } else {
                why.append("the person holds ")
                        .append(seals.size())
                        .append(" seals and no default seal is configured: name one by its CN label");
                return Optional.empty();
            }
        }
        for (SealIdentity seal : seals) {
            if (wanted.equals(seal.cnLabel()) || wanted.equals(seal.id())) {
                return Optional.of(seal);
            }
        }
        why.append("the authorising person holds no seal ").append(wanted);
        return Optional.empty();
    }
}
