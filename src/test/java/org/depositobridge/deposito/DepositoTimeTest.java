package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The deposito's date-times read by hand give exactly what java.time gives, and refuse what it refuses. */
class DepositoTimeTest {

    static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    /** The simulator's shape, UTC, other offsets and naive times agree with java.time on 200,000 random instants. */
    @Test
    void should_read_every_common_shape_as_java_time_does() {
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 200_000; k++) {
            long millis = random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), BUENOS_AIRES);
            List<String> shapes = List.of(
                    Instant.ofEpochMilli(millis).toString(),
                    local.atOffset(ZoneOffset.ofHours(-3)).toString(),
                    local.atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString(),
                    local.toString(),
                    local.withNano(0).withSecond(1).toString(),
                    local.withNano(123_456_789).toString());
            for (String s : shapes) {
                assertThat(DepositoTime.parse(s, BUENOS_AIRES)).as(s).isEqualTo(DepositoTime.parseAny(s, BUENOS_AIRES));
                assertThat(DepositoTime.parse(s, MADRID)).as(s).isEqualTo(DepositoTime.parseAny(s, MADRID));
            }
        }
    }

    /** Naive times in a daylight-saving gap or overlap land where LocalDateTime.atZone puts them. */
    @Test
    void should_resolve_gaps_and_overlaps_as_java_time_does() {
        for (String s : List.of("2026-03-29T02:30:00", "2026-10-25T02:30:00", "2026-10-25T02:30:00.5",
                "2026-03-29T01:59:59.999")) {
            assertThat(DepositoTime.parse(s, MADRID)).as(s)
                    .isEqualTo(LocalDateTime.parse(s).atZone(MADRID).toInstant().toEpochMilli());
        }
        assertThat(DepositoTime.parse("2026-12-07T10:15:30.250-03:00", BUENOS_AIRES))
                .isEqualTo(Instant.parse("2026-12-07T13:15:30.250Z").toEpochMilli());
    }

    /** Shapes the hand reader does not take still parse through java.time (no seconds, spaces around). */
    @Test
    void should_leave_the_rarer_iso_forms_to_java_time() {
        assertThat(DepositoTime.parse("2026-12-07T10:15", BUENOS_AIRES))
                .isEqualTo(Instant.parse("2026-12-07T13:15:00Z").toEpochMilli());
        assertThat(DepositoTime.parse(" 2026-12-07T10:15:30Z ", BUENOS_AIRES))
                .isEqualTo(Instant.parse("2026-12-07T10:15:30Z").toEpochMilli());
        assertThat(DepositoTime.parse("2026-12-07T10:15:30+05:30:15", BUENOS_AIRES))
                .isEqualTo(DepositoTime.parseAny("2026-12-07T10:15:30+05:30:15", BUENOS_AIRES));
    }

    /** Impossible dates and broken text are refused with java.time's exception, never read as another instant. */
    @Test
    void should_refuse_what_java_time_refuses() {
        for (String s : List.of("2026-02-29T10:00:00", "2026-13-01T10:00:00", "2026-12-07T24:00:00",
                "2026-12-07T10:60:00", "2026-12-07T10:15:30.1234567890Z",
                "2026-12-07T10:15:30+19:00", "2026-12-07T10:15:30+05:3x", "2026-12-07X10:15:30", "2026-1a-07T10:15:30",
                "2026-12-07T10:15:30Zjunk", "yesterday")) {
            assertThatThrownBy(() -> DepositoTime.parse(s, BUENOS_AIRES)).as(s).isInstanceOf(DateTimeParseException.class);
        }
    }
}
