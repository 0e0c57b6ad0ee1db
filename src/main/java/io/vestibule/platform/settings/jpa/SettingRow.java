package io.vestibule.platform.settings.jpa;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "admin_setting")
public class SettingRow {
    @Id
    @Column(length = 100)
    private String name;

    @Column(name = "setting", nullable = false, length = 8000)
    private String value;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected SettingRow() {
    }

    SettingRow(String name) {
        this.name = name;
    }

    void set(String value, OffsetDateTime at, String by) {
        this.value = value;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    String name() {
        return name;
    }

    String value() {
        return value;
    }
}
