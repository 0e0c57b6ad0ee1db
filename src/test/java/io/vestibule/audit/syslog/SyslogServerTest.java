package io.vestibule.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SyslogServerTest {
    @Test
    void aListOfHostPortAndNameReadsBackAsWritten() {
        List<SyslogServer> servers = SyslogServer.parseList(" Syslog1.Example.org:6514, 10.0.0.5:1514=syslog2.example.org,[2001:db8::5]:6514=log.example.org,");
        assertThat(servers).containsExactly(new SyslogServer("syslog1.example.org", 6514, "syslog1.example.org"),
                new SyslogServer("10.0.0.5", 1514, "syslog2.example.org"), new SyslogServer("[2001:db8::5]", 6514, "log.example.org"));
        assertThat(servers.get(2).address()).isEqualTo("2001:db8::5");
        assertThat(SyslogServer.format(servers)).isEqualTo("syslog1.example.org:6514,10.0.0.5:1514=syslog2.example.org,[2001:db8::5]:6514=log.example.org");
        assertThat(SyslogServer.parse("logs.example.org").port()).isEqualTo(6514);
        assertThat(SyslogServer.parseList(",")).isEmpty();
    }

    @Test
    void badEntriesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SyslogServer.parse("logs.example.org:99999")).hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> SyslogServer.parse("[2001:db8::5]:6514")).hasMessageContaining("=NAME");
        assertThatThrownBy(() -> SyslogServer.parse("bad host:1")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> SyslogServer.parseList("a.example:1,A.example:1")).hasMessageContaining("listed twice");
    }
}
