package io.vestibule.testing;

import java.util.HashMap;
import java.util.Map;

import io.vestibule.platform.settings.SettingStore;

/** The admin_setting table in memory, counting how often it is read. */
public final class MemorySettingStore implements SettingStore {
    public final Map<String, String> rows = new HashMap<>();
    public final Map<String, String> savedBy = new HashMap<>();
    public int reads;

    @Override
    public Map<String, String> all() {
        reads++;
        return Map.copyOf(rows);
    }

    @Override
    public void save(Map<String, String> settings, String updatedBy) {
        rows.putAll(settings);
        settings.keySet().forEach(name -> savedBy.put(name, updatedBy));
    }
}
