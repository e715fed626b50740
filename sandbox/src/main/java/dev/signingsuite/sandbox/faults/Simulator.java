package dev.signingsuite.sandbox.faults;

/** The sandbox's stand-ins for outside services, each of which can be made to fail on its own. */
public enum Simulator {
    TSA,
    OCSP,
    CSC,
    EPARAKSTS,
    SMARTID
}
