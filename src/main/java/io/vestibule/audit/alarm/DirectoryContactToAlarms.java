package io.vestibule.audit.alarm;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.identity.ldap.DirectoryContact;

/**
 * {@code directory_unreachable} while the directory cannot be reached (R-AUD-4), cleared at the next contact. Raised
 * once per outage, however many sign-ins and readiness checks fail meanwhile. One raised before a restart is found
 * among the active alarms at the first contact after it, so that contact clears it too.
 */
@ApplicationScoped
public class DirectoryContactToAlarms implements DirectoryContact {
    static final String TYPE = "directory_unreachable";

    private Alarms alarms;
    private final Map<String, UUID> raised = new ConcurrentHashMap<>();
    private final Set<String> adopted = ConcurrentHashMap.newKeySet();

    @Inject
    public DirectoryContactToAlarms(Alarms alarms) {
        this.alarms = alarms;
    }

    /** For CDI's client proxy only. */
    protected DirectoryContactToAlarms() {
    }

    @Override
    public void unreachable(String directory, String why) {
        adoptEarlier(directory);
        raised.computeIfAbsent(directory, unraised -> alarms.raise(TYPE, directory, "The directory cannot be reached (" + why
                + "); portal users cannot sign in with their directory accounts", Optional.empty()).id());
    }

    @Override
    public void reached(String directory) {
        adoptEarlier(directory);
        UUID cleared = raised.remove(directory);
        if (cleared != null) {
            alarms.clear(cleared);
        }
    }

    private void adoptEarlier(String directory) {
        if (adopted.add(directory)) {
            alarms.active().stream().filter(alarm -> alarm.type().equals(TYPE) && alarm.subject().equals(directory)
                    && alarm.clearsAt().isEmpty()).findFirst().ifPresent(earlier -> raised.putIfAbsent(directory, earlier.id()));
        }
    }
}
