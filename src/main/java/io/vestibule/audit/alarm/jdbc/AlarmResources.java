package io.vestibule.audit.alarm.jdbc;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.vestibule.audit.alarm.AlarmStore;

/** Gives {@code Alarms} the service's database. */
@ApplicationScoped
public class AlarmResources {
    @Resource(lookup = "jdbc/vestibule")
    DataSource dataSource;

    @Produces
    @ApplicationScoped
    AlarmStore alarmStore() {
        return new JdbcAlarmStore(dataSource);
    }
}
