package dev.signingsuite.events;

/** The stage where a document failed. */
public enum FailureStage {
    /** Intake: authentication, authorisation, validation and storage of the document. */
    GATEWAY,
    /** hash-service: digesting the documents and fixing the container layout. */
    HASH,
    /** A provider: certificate, data to sign, remote signature. */
    PROVIDER,
    /** augmentation-service: building the signature and raising its level. */
    AUGMENTATION,
    /** container-service: packaging, validating and storing the container. */
    CONTAINER
}
