package dev.signingsuite.testsupport.boundaries;

import java.util.Arrays;

/** The deployable services, each owning one root package that no other service may reach into. */
public enum Service {
    GATEWAY("dev.signingsuite.gateway", false),
    HASH("dev.signingsuite.hash", false),
    PROVIDER_SMARTID("dev.signingsuite.provider.smartid", true),
    PROVIDER_EPARAKSTS("dev.signingsuite.provider.eparaksts", true),
    PROVIDER_CSC("dev.signingsuite.provider.csc", true),
    PROVIDER_ONETIME("dev.signingsuite.provider.onetime", true),
    AUGMENTATION("dev.signingsuite.augmentation", false),
    CONTAINER("dev.signingsuite.container", false);

    /** Where every provider's packages live; a provider may use none but its own and the runtime's. */
    static final String PROVIDERS = "dev.signingsuite.provider..";

    /** The runtime all providers share: the one provider package every provider may use. */
    static final String PROVIDER_RUNTIME = "dev.signingsuite.provider.runtime..";

    private final String rootPackage;
    private final boolean provider;

    Service(String rootPackage, boolean provider) {
        this.rootPackage = rootPackage;
        this.provider = provider;
    }

    public String rootPackage() {
        return rootPackage;
    }

    public boolean provider() {
        return provider;
    }

    /** The ArchUnit identifier of the service's packages, its root and everything below it. */
    String packages() {
        return rootPackage + "..";
    }

    String[] otherServicesPackages() {
        return Arrays.stream(values())
                .filter(other -> other != this)
                .map(Service::packages)
                .toArray(String[]::new);
    }
}
