package io.vestibule.guard;

import io.vestibule.platform.net.AddressRanges;

/** The break-in rules and allow-list in force at the moment the guard asks (once per decision). */
public interface BreakInRules {
    BreakInPolicy policy();

    AddressRanges allowList();

    static BreakInRules fixed(BreakInPolicy policy, AddressRanges allowList) {
        return new BreakInRules() {
            @Override
            public BreakInPolicy policy() {
                return policy;
            }

            @Override
            public AddressRanges allowList() {
                return allowList;
            }
        };
    }
}
