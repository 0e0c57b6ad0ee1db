package io.vestibule.platform.launcher;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps why the application failed to start: the innermost message of the first severe log record with an exception
 * whose message names a setting ({@code VESTIBULE_...}), or else of the first severe record with an exception. Payara
 * reports a failed deployment only in its log, and the application's own start-up checks throw with a message that
 * names the setting to change, which this hands to the launcher's one line.
 */
final class DeploymentFailureWitness extends Handler {
    private final AtomicReference<String> namingASetting = new AtomicReference<>();
    private final AtomicReference<String> first = new AtomicReference<>();

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getThrown() != null) {
            String message = reason(record.getThrown());
            first.compareAndSet(null, message);
            if (message.contains("VESTIBULE_")) {
                namingASetting.compareAndSet(null, message);
            }
        }
    }

    Optional<String> cause() {
        return Optional.ofNullable(namingASetting.get()).or(() -> Optional.ofNullable(first.get()));
    }

    /** The deepest message in the chain of causes that names a setting, or else the deepest message; its first line. */
    static String reason(Throwable thrown) {
        String innermost = thrown.toString();
        String namingASetting = null;
        for (Throwable at = thrown; at != null && at.getCause() != at; at = at.getCause()) {
            String message = at.getMessage();
            if (message != null && !message.isBlank()) {
                innermost = message;
                if (message.contains("VESTIBULE_")) {
                    namingASetting = message;
                }
            }
        }
        String reason = namingASetting != null ? namingASetting : innermost;
        return reason.lines().findFirst().orElse(reason).strip();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
