package io.vestibule.platform.launcher;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentFailureWitnessTest {

    private static LogRecord severe(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Exception while loading the app");
        record.setThrown(thrown);
        return record;
    }

    @Test
    void theReasonIsTheDeepestMessageThatNamesASettingEvenWhenACauseBelowItSaysLess() {
        DeploymentFailureWitness witness = new DeploymentFailureWitness();
        witness.publish(new LogRecord(Level.SEVERE, "a severe line without an exception"));
        witness.publish(severe(new IllegalStateException("ContainerBase.addChild: start",
                new IllegalArgumentException("The demo directory cannot listen on 127.0.0.1 port 10389 (in use); free the port or set "
                        + "VESTIBULE_DEMO_LDAP_PORT\nsecond line", new java.net.BindException("Address already in use")))));

        assertThat(witness.cause()).hasValue("The demo directory cannot listen on 127.0.0.1 port 10389 (in use); free the port or set "
                + "VESTIBULE_DEMO_LDAP_PORT");
    }

    @Test
    void aReasonNamingASettingWinsOverAnEarlierOneThatDoesNot() {
        DeploymentFailureWitness witness = new DeploymentFailureWitness();
        witness.publish(severe(new IllegalStateException("outer", new IllegalStateException("descriptor trouble"))));
        assertThat(witness.cause()).hasValue("descriptor trouble");

        witness.publish(severe(new IllegalArgumentException("VESTIBULE_MEDIA_PORT must be a port")));
        witness.publish(severe(new IllegalArgumentException("VESTIBULE_OTHER comes later")));

        assertThat(witness.cause()).hasValue("VESTIBULE_MEDIA_PORT must be a port");
    }

    @Test
    void warningsAndSilenceLeaveNoReason() {
        DeploymentFailureWitness witness = new DeploymentFailureWitness();
        LogRecord warning = new LogRecord(Level.WARNING, "not severe");
        warning.setThrown(new IllegalStateException("VESTIBULE_X"));
        witness.publish(warning);

        assertThat(witness.cause()).isEmpty();
    }
}
