package io.vestibule.platform.logging;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A log filter that passes every record on with its message and its exception's messages run through
 * {@link SecretRedactor}. It keeps whatever filter the handler had and asks it first.
 */
public final class RedactingLogFilter implements Filter {
    private final Filter previous;

    private RedactingLogFilter(Filter previous) {
        this.previous = previous;
    }

    /** Puts the filter in front of every handler of the root logger (once). */
    public static void install() {
        install(UnaryOperator.identity());
    }

    /**
     * Puts the filter in front of every handler of the root logger (once), with {@code beneath} between it and the
     * handler's own filter: a filter installed there is installed once too.
     */
    static void install(UnaryOperator<Filter> beneath) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (!(handler.getFilter() instanceof RedactingLogFilter)) {
                handler.setFilter(new RedactingLogFilter(beneath.apply(handler.getFilter())));
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (previous != null && !previous.isLoggable(record)) {
            return false;
        }
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message != null && parameters != null && parameters.length > 0 && message.contains("{")) {
            try {
                message = MessageFormat.format(message, parameters);
                record.setParameters(null);
            } catch (IllegalArgumentException notAPattern) {
                // The message only looked like a pattern; keep it and its parameters as they are.
            }
        }
        record.setMessage(SecretRedactor.redact(message));
        if (record.getThrown() != null) {
            record.setThrown(redacted(record.getThrown()));
        }
        return true;
    }

    /** The same exception chain with redacted messages and the original stack traces. */
    private static Throwable redacted(Throwable thrown) {
        Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown ? null : redacted(thrown.getCause());
        String message = thrown.getMessage();
        String clean = SecretRedactor.redact(message);
        if (Objects.equals(clean, message) && cause == thrown.getCause()) {
            return thrown;
        }
        Throwable copy = new RedactedException(thrown.getClass().getName() + (clean == null ? "" : ": " + clean), cause);
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message held a secret. */
    static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
