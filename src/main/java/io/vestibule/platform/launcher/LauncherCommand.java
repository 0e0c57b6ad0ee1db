package io.vestibule.platform.launcher;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of {@code java -jar vestibule.jar <name> ...} other than {@code serve}, offered by a higher layer through
 * {@link java.util.ServiceLoader} from the boot layer's jar (the launcher cannot import it). It runs without the
 * service, on the JDK and Bouncy Castle only, and its return value is the process's exit status.
 */
public interface LauncherCommand {
    String name();

    /** One or two lines for the launcher's usage text, starting with the command's synopsis. */
    String usage();

    int run(List<String> arguments, PrintStream out, PrintStream err);
}
