package io.vestibule.platform;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes to the terminal that started the service, past the application server's log capture: for what an
 * operator must see once at start (demo credentials, a setup code) and must not be kept in log files.
 */
public final class ConsoleNotice {
    private static final PrintStream TERMINAL = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private ConsoleNotice() {
    }

    public static void print(String text) {
        TERMINAL.println(text);
        TERMINAL.flush();
    }
}
