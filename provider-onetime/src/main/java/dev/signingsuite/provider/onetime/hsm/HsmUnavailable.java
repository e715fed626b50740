package dev.signingsuite.provider.onetime.hsm;

/**
 * The token cannot be used: its library is missing, the slot has no token, the PIN is wrong. Permanent
 * until an operator acts; the message says what to do and never contains the PIN.
 */
public final class HsmUnavailable extends RuntimeException {

    HsmUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
