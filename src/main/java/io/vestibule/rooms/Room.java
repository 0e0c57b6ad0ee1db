package io.vestibule.rooms;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A virtual meeting room (R-ROOM-1): its aliases, owner, type, PINs and admission settings. PINs are held only
 * sealed ({@link PinVault}); this class never sees them in clear. Live state (who is in, the lock) belongs to
 * the conference running in the room, not here.
 */
@Entity
@Table(name = "room")
public class Room {
    /** The service's participant limit unless an operator sets another (R-ROOM-1). */
    public static final int DEFAULT_PARTICIPANT_LIMIT = 100;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "owner_id", length = 36, nullable = false)
    private String ownerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "room_kind", length = 16, nullable = false)
    private RoomKind kind;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "room_type", length = 32, nullable = false)
    private String type;

    @Column(name = "host_pin_sealed", nullable = false)
    private byte[] sealedHostPin;

    @Column(name = "guest_pin_sealed")
    private byte[] sealedGuestPin;

    @Column(name = "guests_wait_for_host", nullable = false)
    private boolean guestsWaitForHost;

    /** Null: the service's limit applies ({@link RoomRules#participantLimit()}). */
    @Column(name = "participant_limit")
    private Integer participantLimit;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    /** Null: the service's choice applies ({@link RoomRules#newcomersWaitForAdmission(Room)}). */
    @Column(name = "newcomers_wait_for_admission")
    private Boolean newcomersWaitForAdmission;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "room_alias", joinColumns = @JoinColumn(name = "room_id"))
    private List<RoomAlias> aliases = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private int version;

    protected Room() {
    }

    /** A new room; its PINs were sealed for {@code id} beforehand, since the seal is bound to the room. */
    public Room(UUID id, UUID ownerId, RoomKind kind, String name, List<RoomAlias> aliases,
                RoomType type, boolean guestsWaitForHost, byte[] sealedHostPin, byte[] sealedGuestPin, Instant now) {
        this.id = id.toString();
        this.ownerId = ownerId.toString();
        this.kind = kind;
        this.name = name;
        this.aliases = new ArrayList<>(aliases);
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        configure(type, guestsWaitForHost, sealedHostPin, sealedGuestPin, now);
    }

    /** Sets type, admission and sealed PINs together, so a room is never left with PINs that contradict its type. */
    public void configure(RoomType type, boolean guestsWaitForHost, byte[] sealedHostPin, byte[] sealedGuestPin, Instant now) {
        if (type == RoomType.HOST_AND_GUEST_PINS && sealedGuestPin == null) {
            throw new IllegalArgumentException("A room with host and guest PINs needs a guest PIN");
        }
        this.type = type.code();
        this.guestsWaitForHost = guestsWaitForHost;
        this.sealedHostPin = sealedHostPin.clone();
        this.sealedGuestPin = type == RoomType.HOST_PIN_ONLY ? null : sealedGuestPin.clone();
        this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    public void rename(String name, Instant now) {
        this.name = name;
        this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID ownerId() {
        return UUID.fromString(ownerId);
    }

    public RoomKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public RoomType type() {
        return RoomType.fromCode(type).orElseThrow();
    }

    public boolean guestsWaitForHost() {
        return guestsWaitForHost;
    }

    /** The room's own limit, if it has one; otherwise the service's applies. */
    public Optional<Integer> participantLimit() {
        return Optional.ofNullable(participantLimit);
    }

    /** Gives the room a limit of its own, or (empty) lets the service's apply. */
    public void limitParticipants(Optional<Integer> limit, Instant now) {
        limit.ifPresent(RoomRules::requireParticipantLimit);
        this.participantLimit = limit.orElse(null);
        this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    /** The room's own choice whether every newcomer waits for a host's admission, if it made one. */
    public Optional<Boolean> newcomersWaitForAdmission() {
        return Optional.ofNullable(newcomersWaitForAdmission);
    }

    /** Makes the room's own choice, or (empty) lets the service's apply. */
    public void letNewcomersWaitForAdmission(Optional<Boolean> wait, Instant now) {
        this.newcomersWaitForAdmission = wait.orElse(null);
        this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    /** Closes the room for good: from now on it admits no one. */
    public void close(Instant now) {
        if (closedAt == null) {
            this.closedAt = now.atOffset(ZoneOffset.UTC);
            this.updatedAt = this.closedAt;
        }
    }

    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt).map(OffsetDateTime::toInstant);
    }

    public List<RoomAlias> aliases() {
        return List.copyOf(aliases);
    }

    public Optional<RoomAlias> alias(RoomAlias.Kind kind) {
        return aliases.stream().filter(alias -> alias.kind() == kind).findFirst();
    }

    public byte[] sealedHostPin() {
        return sealedHostPin.clone();
    }

    public Optional<byte[]> sealedGuestPin() {
        return Optional.ofNullable(sealedGuestPin).map(byte[]::clone);
    }
}
