package io.vestibule.incontainer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link JoinPathContract} in Payara Micro on the embedded H2 database (a fresh file database per run). */
class JoinPathOnH2InContainerIT extends JoinPathContract {
    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.onH2(JoinPathOnH2InContainerIT.class);
    }

    @Override
    protected String databaseProduct() {
        return "H2";
    }
}
