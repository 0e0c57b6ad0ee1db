package io.vestibule.access.events;

/**
 * Where the join path, the conference and the media policy report call events (R-CDR-1, R-CDR-2). Recording never
 * waits for encryption or storage: it hands the event over and returns. An event counts as acknowledged once it
 * is in the fsynced journal; from then on it survives a crash, a restart and a database outage.
 */
public interface CallRecorder {
    void record(CallEvent event);

    CallRecorder NONE = event -> { };
}
