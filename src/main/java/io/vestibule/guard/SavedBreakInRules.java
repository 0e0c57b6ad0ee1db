package io.vestibule.guard;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.platform.net.AddressRange;
import io.vestibule.platform.net.AddressRanges;
import io.vestibule.platform.settings.SavedSettings;

/**
 * The break-in rules in force: per room and per address as saved from the console or set at start-up
 * ({@code VESTIBULE_BREAKIN_*}, see docs/admin-guide.md), per account as set at start-up; read at every attempt.
 */
@ApplicationScoped
public class SavedBreakInRules implements BreakInRules {
    public static final String ROOM_FAILURES = "breakin.room.failures";
    public static final String ROOM_WINDOW = "breakin.room.window-minutes";
    public static final String ROOM_BLOCK = "breakin.room.block-minutes";
    public static final String ADDRESS_ATTEMPTS = "breakin.address.attempts";
    public static final String ADDRESS_WINDOW = "breakin.address.window-minutes";
    public static final String ADDRESS_BLOCK = "breakin.address.block-minutes";
    public static final String ALLOW_LIST = "breakin.allow-list";
    private static final String LOGIN_FAILURES = "breakin.login.failures";
    private static final String LOGIN_WINDOW = "breakin.login.window-minutes";
    private static final String LOGIN_BLOCK = "breakin.login.block-minutes";

    /** The console's bounds: a threshold above this lets a scanner try too many PINs to call the room protected. */
    public static final int MOST_ATTEMPTS = 100;
    public static final int LONGEST_MINUTES = 24 * 60;

    private SavedSettings settings;
    /** The allow-list as last parsed, with the text it came from: parsed again only when the text changes. */
    private volatile ParsedAllowList allowList = new ParsedAllowList("", AddressRanges.none());

    @Inject
    public SavedBreakInRules(SavedSettings settings) {
        this.settings = settings;
    }

    /** For CDI's client proxy only. */
    protected SavedBreakInRules() {
    }

    @Override
    public BreakInPolicy policy() {
        return new BreakInPolicy(
                limit(ROOM_FAILURES, ROOM_WINDOW, ROOM_BLOCK, BreakInPolicy.DEFAULT_ROOM),
                limit(ADDRESS_ATTEMPTS, ADDRESS_WINDOW, ADDRESS_BLOCK, BreakInPolicy.DEFAULT_ADDRESS),
                limit(LOGIN_FAILURES, LOGIN_WINDOW, LOGIN_BLOCK, BreakInPolicy.DEFAULT_ACCOUNT));
    }

    @Override
    public AddressRanges allowList() {
        String text = settings.text(ALLOW_LIST).orElse("");
        ParsedAllowList parsed = allowList;
        if (!parsed.text().equals(text)) {
            parsed = new ParsedAllowList(text, AddressRanges.parse(text));
            allowList = parsed;
        }
        return parsed.ranges();
    }

    /** The allow-list's entries as the administrator wrote them (an IPv6 range stays as short as it was typed). */
    public List<String> allowListAsWritten() {
        return Arrays.stream(settings.text(ALLOW_LIST).orElse("").split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    /**
     * An allow-list an administrator may save: every entry an address or range, none that exempts every address of
     * its family (a prefix of 0), since that would switch break-in resistance off.
     */
    public static AddressRanges checkedAllowList(String text) {
        AddressRanges ranges = AddressRanges.parse(text);
        for (AddressRange range : ranges.ranges()) {
            if (range.prefixLength() == 0) {
                throw new IllegalArgumentException("The allow-list may not exempt every address (" + range + ")");
            }
        }
        return ranges;
    }

    private AttemptLimit limit(String threshold, String window, String block, AttemptLimit otherwise) {
        return AttemptLimit.of(settings.wholeNumber(threshold, otherwise.threshold()),
                Duration.ofMinutes(settings.wholeNumber(window, (int) otherwise.window().toMinutes())),
                Duration.ofMinutes(settings.wholeNumber(block, (int) otherwise.blockFor().toMinutes())));
    }

    private record ParsedAllowList(String text, AddressRanges ranges) {
    }
}
