package io.vestibule.media.gateway.forward;

/**
 * Where the router delivers plain packets for one receiving participant: that participant's pipeline, which
 * protects a copy with the receiver's own SRTP keys and sends it on the receiver's transport. One packet goes to
 * several sinks, so a sink must not change the bytes it is given, nor keep them past the call.
 */
public interface MediaSink {
    void forwardRtp(byte[] packet, int offset, int length);

    void forwardRtcp(byte[] packet, int offset, int length);
}
