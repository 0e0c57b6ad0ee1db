package io.vestibule.booking;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecurrenceTest {
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    /** A Tuesday. */
    private static final ZonedDateTime FIRST = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, MADRID);

    @Test
    void acceptsADailySeriesWithACount() {
        Recurrence daily = Recurrence.parse("FREQ=DAILY;COUNT=5");
        assertThat(daily.bounded()).isTrue();
        assertThat(daily.count()).isEqualTo(5);
        assertThat(daily.startsBetween(FIRST, FIRST, FIRST.plusYears(1)))
                .containsExactly(FIRST, FIRST.plusDays(1), FIRST.plusDays(2), FIRST.plusDays(3), FIRST.plusDays(4));
    }

    @Test
    void acceptsAWeeklySeriesOnChosenWeekdays() {
        Recurrence weekly = Recurrence.parse("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10");
        assertThat(weekly.count()).isEqualTo(10);
        ZonedDateTime monday = ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, MADRID);
        List<ZonedDateTime> starts = weekly.startsBetween(monday, monday, monday.plusYears(1));
        assertThat(starts).hasSize(10).startsWith(monday, monday.plusDays(2), monday.plusDays(7), monday.plusDays(9));
        assertThat(starts).allSatisfy(start -> assertThat(start.getDayOfWeek().name()).isIn("MONDAY", "WEDNESDAY"));
    }

    @Test
    void acceptsAnIntervalWithAnEndDate() {
        Recurrence fortnightly = Recurrence.parse("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270101T000000Z");
        assertThat(fortnightly.bounded()).isTrue();
        assertThat(fortnightly.until()).isNotNull();
        // 1, 15 and 29 December; 12 January would be after UNTIL.
        assertThat(fortnightly.startsBetween(FIRST, FIRST, FIRST.plusYears(1)))
                .containsExactly(FIRST, FIRST.plusWeeks(2), FIRST.plusWeeks(4));
    }

    @Test
    void acceptsAndDropsTheRrulePrefix() {
        Recurrence prefixed = Recurrence.parse("RRULE:FREQ=DAILY;COUNT=5");
        assertThat(prefixed.rule()).doesNotContain("RRULE").contains("FREQ=DAILY").contains("COUNT=5");
        assertThat(prefixed.toString()).isEqualTo(prefixed.rule());
        assertThat(Recurrence.parse("rrule:FREQ=DAILY;COUNT=5").count()).isEqualTo(5);
    }

    @Test
    void aSeriesWithoutCountOrUntilIsUnbounded() {
        Recurrence open = Recurrence.parse("FREQ=WEEKLY");
        assertThat(open.bounded()).isFalse();
        assertThat(open.until()).isNull();
    }

    @Test
    void theRuleTextParsesBackToTheSameRule() {
        Recurrence weekly = Recurrence.parse("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10");
        Recurrence again = Recurrence.parse(weekly.rule());
        assertThat(again.rule()).isEqualTo(weekly.rule());
        assertThat(again.count()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FREQ=HOURLY", "FREQ=HOURLY;COUNT=5", "FREQ=MINUTELY", "FREQ=SECONDLY", "FREQ=MONTHLY;COUNT=3", "FREQ=YEARLY",
        "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1", "FREQ=DAILY;BYHOUR=9,10,11", "FREQ=DAILY;BYMINUTE=0", "FREQ=WEEKLY;BYMONTH=1",
        "FREQ=DAILY;COUNT=5;UNTIL=20270101T000000Z", "FREQ=DAILY;COUNT=1001", "FREQ=WEEKLY;INTERVAL=100",
        "FREQ=DAILY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=1MO", "FREQ=WEEKLY;BYDAY=-1FR",
        "garbage", "FREQ=", "FREQ=WEEKLY;COUNT=abc", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;UNTIL=tomorrow",
        "COUNT=5", "FREQ=DAILY;;COUNT=5", "FREQ=DAILY;X-NAME=1", "DTSTART:20261201T100000Z"})
    void refusesWhatPeopleDoNotBook(String rule) {
        assertThatIllegalArgumentException().isThrownBy(() -> Recurrence.parse(rule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=-3", "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=-1",
            "FREQ=WEEKLY;COUNT"})
    void refusesACountOrIntervalThatIsNotAPositiveNumber(String rule) {
        // RFC 5545: both are positive integers. COUNT=-3 would otherwise turn into a series without end.
        assertThatIllegalArgumentException().isThrownBy(() -> Recurrence.parse(rule));
    }

    @Test
    void acceptsTheLargestCountAndInterval() {
        assertThat(Recurrence.parse("FREQ=DAILY;COUNT=" + Recurrence.MAX_COUNT).count()).isEqualTo(1000);
        assertThat(Recurrence.parse("FREQ=WEEKLY;INTERVAL=" + Recurrence.MAX_INTERVAL).rule()).contains("INTERVAL=99");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void refusesAnEmptyRule(String rule) {
        assertThatIllegalArgumentException().isThrownBy(() -> Recurrence.parse(rule));
    }

    @Test
    void refusesARuleLongerThanFiveHundredCharacters() {
        String days = "MO,".repeat(160) + "WE";
        String rule = "FREQ=WEEKLY;COUNT=5;BYDAY=" + days;
        assertThat(rule.length()).isGreaterThan(Recurrence.MAX_LENGTH);
        assertThatIllegalArgumentException().isThrownBy(() -> Recurrence.parse(rule)).withMessageContaining("500");
    }
}
