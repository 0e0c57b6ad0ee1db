package io.vestibule.access.events;

/**
 * Where the join path, the conference and the media policy report call events (R-CDR-1, R-CDR-2). An event counts
 * as acknowledged once it is in the fsynced journal; from then on it survives a crash, a restart and a database
 * outage. {@link #record} hands the event over and returns; {@link #recordDurably} returns only once the event is
 * acknowledged, for answers an auditor must be able to trust to have a record (a join's token).
 */
public interface CallRecorder {
    void record(CallEvent event);

    /** Records the event and waits for the journal's group commit; throws {@link RecordNotDurable} when it does not come. */
    void recordDurably(CallEvent event);

    CallRecorder NONE = new CallRecorder() {
        @Override
        public void record(CallEvent event) {
        }

        @Override
        public void recordDurably(CallEvent event) {
        }
    };
}
