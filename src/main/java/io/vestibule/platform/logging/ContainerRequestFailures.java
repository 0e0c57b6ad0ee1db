package io.vestibule.platform.logging;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Payara logs a request it could not process itself (message AS-WEB-CORE-00037, for instance a malformed escape
 * such as {@code GET /%zz}) at SEVERE with a full stack trace, and anyone can send such requests: a log flood. This
 * filter keeps the first of a kind in a minute as one line without its trace, naming how many of the previous kind
 * went unlogged ({@link RepeatedFailures}), and drops the rest. Every other record passes untouched.
 */
public final class ContainerRequestFailures implements Filter {
    static final String MESSAGE_ID = "AS-WEB-CORE-00037";
    private static final String LOGGER = "jakarta.enterprise.web.core";
    private static final int LONGEST_DETAIL = 200;

    private final Filter previous;
    private final RepeatedFailures repeated;

    ContainerRequestFailures(Filter previous, RepeatedFailures repeated) {
        this.previous = previous;
        this.repeated = repeated;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (previous != null && !previous.isLoggable(record)) {
            return false;
        }
        if (!isContainerRequestFailure(record)) {
            return true;
        }
        Throwable failure = record.getThrown();
        RepeatedFailures.Verdict verdict = repeated.failed(failure);
        if (!verdict.log()) {
            return false;
        }
        String detail = String.valueOf(failure.getMessage());
        String repeats = verdict.unlogged().map(unlogged -> "; the same failure came " + unlogged.count()
                + " more times in the minute before, not logged").orElse("");
        record.setResourceBundle(null);
        record.setParameters(null);
        record.setThrown(null);
        record.setMessage("The container could not process a request and refused it (" + MESSAGE_ID + ", "
                + failure.getClass().getName() + ": " + LogText.quoted(detail.length() > LONGEST_DETAIL
                ? detail.substring(0, LONGEST_DETAIL) : detail) + "); the same failure within a minute is only counted" + repeats);
        record.setLevel(Level.WARNING);
        return true;
    }

    private static boolean isContainerRequestFailure(LogRecord record) {
        return record.getThrown() != null && LOGGER.equals(record.getLoggerName())
                && (MESSAGE_ID.equals(record.getMessage()) || String.valueOf(record.getMessage()).contains(MESSAGE_ID));
    }
}
