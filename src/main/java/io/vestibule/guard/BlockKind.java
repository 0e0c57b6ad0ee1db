package io.vestibule.guard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the break-in guard blocks: a room's PIN attempts, an address's joins and sign-ins, an account's sign-ins. */
public enum BlockKind {
    ROOM, ADDRESS, ACCOUNT;

    /** The kind's name in the API and the audit log: {@code room}, {@code address}, {@code account}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BlockKind> fromApiName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.apiName().equals(name)).findFirst();
    }
}
