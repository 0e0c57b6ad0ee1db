package io.vestibule.rooms;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * A name a room is reached by: a URL-safe word (lower-case letters, digits, dot, dash, underscore) for links,
 * or digits for dial plans (R-ROOM-1).
 */
@Embeddable
public class RoomAlias {
    private static final Pattern URL_SAFE = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{4,20}");
    /** The join API's own paths beside /join/{alias} (API.md "Joining"): a room by these names could not be joined. */
    private static final Set<String> RESERVED = Set.of("refresh", "release", "wait");

    public enum Kind {
        NAME, NUMERIC
    }

    @Column(name = "alias", length = 100, nullable = false)
    private String alias;

    @Enumerated(EnumType.STRING)
    @Column(name = "alias_kind", length = 16, nullable = false)
    private Kind kind;

    protected RoomAlias() {
    }

    private RoomAlias(String alias, Kind kind) {
        this.alias = alias;
        this.kind = kind;
    }

    public static RoomAlias name(String alias) {
        if (!isWellFormed(alias) || NUMERIC.matcher(alias).matches()) {
            throw new IllegalArgumentException("A room name alias is 3-100 lower-case letters, digits, '.', '-' or '_', not only digits");
        }
        if (RESERVED.contains(alias)) {
            throw new IllegalArgumentException("A room name alias cannot be one of " + String.join(", ", new TreeSet<>(RESERVED)));
        }
        return new RoomAlias(alias, Kind.NAME);
    }

    public static RoomAlias numeric(String alias) {
        if (!NUMERIC.matcher(alias).matches()) {
            throw new IllegalArgumentException("A numeric alias is 4-20 digits");
        }
        return new RoomAlias(alias, Kind.NUMERIC);
    }

    /** Whether text could be an alias at all; the join endpoint refuses anything else before looking it up. */
    public static boolean isWellFormed(String text) {
        return text != null && (URL_SAFE.matcher(text).matches() || NUMERIC.matcher(text).matches());
    }

    public String value() {
        return alias;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return alias;
    }
}
