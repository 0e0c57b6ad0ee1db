package io.vestibule.platform.launcher;

import java.util.List;

/** One asadmin command for Payara's boot runner. Secrets never appear in it: they are {@code ${...}} references. */
record AdminCommand(String name, List<String> arguments) {
    AdminCommand {
        arguments = List.copyOf(arguments);
    }

    static AdminCommand set(String dottedName, Object value) {
        return new AdminCommand("set", List.of(dottedName + "=" + value));
    }

    @Override
    public String toString() {
        return name + " " + String.join(" ", arguments);
    }
}
