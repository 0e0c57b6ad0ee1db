package io.vestibule.incontainer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link JoinPathContract} in Payara Micro on the machine's PostgreSQL, in a database and role of its own that are
 * dropped when the test JVM ends. Without PostgreSQL the class is skipped loudly (fails in CI).
 */
@ExtendWith(InContainerDeployment.RequiresPostgres.class)
class JoinPathOnPostgresInContainerIT extends JoinPathContract {
    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.onPostgres(JoinPathOnPostgresInContainerIT.class);
    }

    @Override
    protected String databaseProduct() {
        return "PostgreSQL";
    }
}
