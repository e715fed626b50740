package dev.signingsuite.container.validation;

import dev.signingsuite.events.ValidationSummary;

/**
 * What DSS said about a container.
 *
 * @param passed whether the container may be published as assembled
 * @param summary the indication and what the validator found
 * @param problem why it did not pass, with DSS's main messages; null when it passed
 */
public record ContainerValidation(boolean passed, ValidationSummary summary, String problem) {}
