package io.vestibule.media.gateway;

import java.util.UUID;
import java.util.function.IntSupplier;

/** Learns when the gateway begins and stops carrying a conference's media: the metrics per conference follow it. */
public interface ConferenceWatcher {
    /**
     * @param participants how many participants' media the conference has now
     * @param streams how many tracks its participants send now
     */
    void opened(UUID conference, IntSupplier participants, IntSupplier streams);

    void closed(UUID conference);

}
