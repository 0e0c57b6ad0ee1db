package io.vestibule.media.gateway.dtls;

/**
 * Where a participant's DTLS server takes its settings when its handshake begins. An administrator's change applies to
 * every handshake begun afterwards; a handshake under way or done keeps the settings it began with.
 */
@FunctionalInterface
public interface DtlsSettingsSource {
    DtlsServerSettings current();
}
