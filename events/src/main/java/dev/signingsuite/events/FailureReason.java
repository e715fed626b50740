package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a document failed, as a stable code for the back-office. New codes may be added within a
 * major version; an older reader reads them as {@link #UNKNOWN}.
 */
public enum FailureReason {
    /** The document is not what its media type says, or cannot be parsed. */
    INVALID_DOCUMENT,
    /** The document exceeds the configured size limit. */
    DOCUMENT_TOO_LARGE,
    /** The file name is unsafe as a container entry name. */
    INVALID_FILE_NAME,
    /** The client may not use the signer it named. */
    SIGNER_NOT_ALLOWED,
    /** The person refused to sign. */
    USER_REFUSED,
    /** The person or the remote signer did not answer in time. */
    TIMEOUT,
    /** The person chose the wrong verification code. */
    WRONG_VC,
    /** The signer's app could not display or use the request. */
    DOCUMENT_UNUSABLE,
    /** The signer identity is unknown to the provider. */
    ACCOUNT_NOT_FOUND,
    /** An authorisation (OAuth consent, CSC credential authorisation) is missing or expired. */
    AUTHORISATION_REQUIRED,
    /** The remote signer is unavailable after retries. */
    SIGNER_UNAVAILABLE,
    /** The signing certificate is expired, revoked or not trusted. */
    CERTIFICATE_INVALID,
    /** The returned signature value does not verify against the certificate. */
    SIGNATURE_INVALID,
    /** No timestamp could be obtained from the TSA. */
    TIMESTAMP_UNAVAILABLE,
    /** No OCSP response or CRL could be obtained. */
    REVOCATION_UNAVAILABLE,
    /** The assembled container did not pass validation. */
    VALIDATION_FAILED,
    /** The stage that must handle the document is not deployed or is disabled in this installation. */
    STAGE_UNAVAILABLE,
    /** An unexpected error inside the suite. */
    INTERNAL_ERROR,
    /** The tenant cancelled the document's batch before its signature was asked for (ADR 31). */
    CANCELLED,
    /** A code this reader does not know yet (written by a newer version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
