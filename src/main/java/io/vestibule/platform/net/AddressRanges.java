package io.vestibule.platform.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A list of address ranges from one comma-separated setting, such as {@code VESTIBULE_TRUSTED_PROXIES} or the
 * break-in allow-list. An empty setting is an empty list; blank items (a trailing comma) are skipped; any other
 * item that is not an address or CIDR range makes the whole setting invalid.
 */
public final class AddressRanges {
    private static final AddressRanges NONE = new AddressRanges(List.of());

    private final List<AddressRange> ranges;

    private AddressRanges(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static AddressRanges none() {
        return NONE;
    }

    public static AddressRanges of(AddressRange... ranges) {
        return new AddressRanges(List.of(ranges));
    }

    /** Parses the setting; IllegalArgumentException names the first item that is not a range. */
    public static AddressRanges parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<AddressRange> parsed = new ArrayList<>();
        for (String item : setting.split(",")) {
            if (!item.isBlank()) {
                parsed.add(AddressRange.parse(item));
            }
        }
        return new AddressRanges(parsed);
    }

    public boolean contains(InetAddress address) {
        for (AddressRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public List<AddressRange> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRanges list && list.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return ranges.stream().map(AddressRange::toString).collect(Collectors.joining(","));
    }
}
