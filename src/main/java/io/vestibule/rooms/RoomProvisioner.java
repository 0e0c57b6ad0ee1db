package io.vestibule.rooms;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Creates rooms and changes their type, PINs, participant limit and whether they are open. Owners may choose PINs,
 * which must pass the {@link PinPolicy} in force; otherwise PINs are generated. A room with host and guest PINs never
 * has the same PIN twice.
 */
@ApplicationScoped
@Transactional
public class RoomProvisioner {
    private RoomRepository rooms;
    private PinVault vault;
    private SecureRandom random;
    private Clock clock;
    private RoomRules rules;

    @Inject
    public RoomProvisioner(RoomRepository rooms, PinVault vault, SecureRandom random, Clock clock, RoomRules rules) {
        this.rooms = rooms;
        this.vault = vault;
        this.random = random;
        this.clock = clock;
        this.rules = rules;
    }

    /** For CDI's client proxy only. */
    protected RoomProvisioner() {
    }

    public Room createMeetingRoom(UUID ownerId, String name, RoomSettings settings) {
        return create(ownerId, RoomKind.MEETING, name, settings);
    }

    /** The owner's personal room, created with generated PINs the first time it is asked for. */
    public Room personalRoom(UUID ownerId, String ownerName) {
        return rooms.findPersonalRoom(ownerId).orElseGet(() -> create(ownerId, RoomKind.PERSONAL, ownerName,
                new RoomSettings(RoomType.HOST_AND_GUEST_PINS, true, Optional.empty(), Optional.empty())));
    }

    /** Applies new settings; PINs not given keep their current value where the type still uses them. */
    public void reconfigure(Room room, RoomSettings settings) {
        RoomPins current = pins(room);
        Pin host = chosen("hostPin", settings.hostPin()).orElse(current.host());
        Optional<Pin> chosenGuest = chosen("guestPin", settings.guestPin());
        Optional<Pin> guest;
        if (settings.type() == RoomType.HOST_PIN_ONLY) {
            guest = Optional.empty();
        } else if (chosenGuest.isPresent()) {
            guest = chosenGuest;
        } else {
            // The kept guest PIN gives way if the owner just chose it as the new host PIN.
            guest = Optional.of(current.guest().filter(pin -> !pin.digits().equals(host.digits()))
                    .orElseGet(() -> policy().generateDifferentFrom(host, random)));
        }
        requireDifferent(host, guest);
        room.configure(settings.type(), settings.guestsWaitForHost(), vault.seal(room.id(), PinVault.Role.HOST, host),
                guest.map(pin -> vault.seal(room.id(), PinVault.Role.GUEST, pin)).orElse(null), clock.instant());
    }

    /** Gives the room its own participant limit, or (empty) lets the service's apply; empty when there is no such room. */
    public Optional<Room> limitParticipants(UUID roomId, Optional<Integer> limit) {
        return rooms.find(roomId).map(room -> {
            room.limitParticipants(limit, clock.instant());
            return room;
        });
    }

    /** Makes the room's own choice whether every newcomer waits for admission, or (empty) lets the service's apply. */
    public Optional<Room> letNewcomersWaitForAdmission(UUID roomId, Optional<Boolean> wait) {
        return rooms.find(roomId).map(room -> {
            room.letNewcomersWaitForAdmission(wait, clock.instant());
            return room;
        });
    }

    /** Closes the room for good; empty when there is no such room. */
    public Optional<Room> close(UUID roomId) {
        return rooms.find(roomId).map(room -> {
            room.close(clock.instant());
            return room;
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RoomPins pins(Room room) {
        return new RoomPins(vault.open(room.id(), PinVault.Role.HOST, room.sealedHostPin()),
                room.sealedGuestPin().map(sealed -> vault.open(room.id(), PinVault.Role.GUEST, sealed)));
    }

    private Room create(UUID ownerId, RoomKind kind, String name, RoomSettings settings) {
        UUID id = UUID.randomUUID();
        Pin host = chosen("hostPin", settings.hostPin()).orElseGet(() -> policy().generate(random));
        Optional<Pin> guest = settings.type() == RoomType.HOST_PIN_ONLY ? Optional.empty()
                : Optional.of(chosen("guestPin", settings.guestPin()).orElseGet(() -> policy().generateDifferentFrom(host, random)));
        requireDifferent(host, guest);
        AliasGenerator aliases = new AliasGenerator(random);
        Room room = new Room(id, ownerId, kind, name,
                List.of(aliases.name(rooms::aliasTaken), aliases.numeric(rooms::aliasTaken)),
                settings.type(), settings.guestsWaitForHost(),
                vault.seal(id, PinVault.Role.HOST, host),
                guest.map(pin -> vault.seal(id, PinVault.Role.GUEST, pin)).orElse(null),
                clock.instant());
        return rooms.add(room);
    }

    private Optional<Pin> chosen(String field, Optional<String> candidate) {
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        List<PinRule> broken = policy().violations(candidate.get());
        if (!broken.isEmpty()) {
            throw new PinRefused(field, broken);
        }
        return Optional.of(new Pin(candidate.get()));
    }

    private static void requireDifferent(Pin host, Optional<Pin> guest) {
        if (guest.isPresent() && guest.get().digits().equals(host.digits())) {
            throw new PinRefused("guestPin", List.of(PinRule.SAME_AS_OTHER_PIN));
        }
    }

    private PinPolicy policy() {
        return rules.pinPolicy();
    }
}
