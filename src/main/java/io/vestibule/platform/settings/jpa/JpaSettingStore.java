package io.vestibule.platform.settings.jpa;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.platform.settings.SettingStore;

@ApplicationScoped
@Transactional
public class JpaSettingStore implements SettingStore {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Override
    public Map<String, String> all() {
        return entityManager.createQuery("select s from SettingRow s", SettingRow.class).getResultStream()
                .collect(Collectors.toMap(SettingRow::name, SettingRow::value));
    }

    @Override
    public void save(Map<String, String> settings, String updatedBy) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        settings.forEach((name, value) -> {
            SettingRow row = entityManager.find(SettingRow.class, name);
            if (row == null) {
                row = new SettingRow(name);
                row.set(value, now, updatedBy);
                entityManager.persist(row);
            } else {
                row.set(value, now, updatedBy);
            }
        });
        entityManager.flush();
    }
}
