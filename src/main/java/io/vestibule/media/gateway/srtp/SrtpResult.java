package io.vestibule.media.gateway.srtp;

/** A packet protected or unprotected, or why not. */
public sealed interface SrtpResult permits SrtpResult.Done, SrtpResult.Refused {

    record Done(byte[] packet) implements SrtpResult {
    }

    record Refused(SrtpRefusal reason) implements SrtpResult {
    }
}
