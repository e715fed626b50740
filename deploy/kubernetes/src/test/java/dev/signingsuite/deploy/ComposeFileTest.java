package dev.signingsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** deploy/compose/compose.yaml against the code; its refusals are in BrokenManifestsAreRefusedTest. */
class ComposeFileTest {

    @Test
    void threeKraftNodesEveryTopicEveryServiceWithPropertiesItBindsAndReadinessHealthchecks() {
        assertThat(ComposeChecks.all(ManifestFiles.compose())).isEmpty();
    }
}
