package io.vestibule.cdr;

import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.OnPostgres;
import io.vestibule.testing.PgDump;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** On PostgreSQL: a dump of the database holds the call records, and nothing of what they say. */
@ExtendWith(ServerResolver.class)
class CallRecordsPostgresIT {
    @Test
    void aDumpHoldsTheRecordsButNotTheParticipantsNameOrAddress(@OnPostgres VestibuleServer server) throws Exception {
        JsonObject meeting = Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_pin_only", false);
        String name = "Dumped Person " + UUID.randomUUID();
        Meetings.join(server, "198.51.100.41", Meetings.alias(meeting), name, Meetings.HOST_PIN);
        new CallRecordsProbe(server).awaitInRoom(meeting.getJsonObject("room").getString("id"), CallRecordsProbe.joinOf(name));

        String dump = PgDump.of(server);

        assertThat(dump).contains("INSERT INTO public.call_record").contains(meeting.getString("title"));
        assertThat(dump).doesNotContain(name).doesNotContain("198.51.100.41");
    }
}
