package io.vestibule.platform.settings;

import java.util.Map;

/** Named settings saved through the admin API; each overrides the configuration's value for the same name. */
public interface SettingStore {
    Map<String, String> all();

    void save(Map<String, String> settings, String updatedBy);
}
