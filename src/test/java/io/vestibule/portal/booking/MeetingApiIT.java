package io.vestibule.portal.booking;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

/** The meetings API on the embedded H2 database. */
@ExtendWith(ServerResolver.class)
class MeetingApiIT extends MeetingApiContract {
    private VestibuleServer server;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
    }

    @Override
    VestibuleServer server() {
        return server;
    }
}
