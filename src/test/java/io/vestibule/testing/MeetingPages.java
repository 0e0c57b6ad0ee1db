package io.vestibule.testing;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The meeting page as the media tests drive it in Chromium: entering, and waiting for others' video to decode. */
public final class MeetingPages {
    private MeetingPages() {
    }

    /**
     * Test instrumentation, injected before the page's own scripts: keeps the page's peer connections where the
     * test can ask them for statistics, and counts every quarter second the remote video tracks that have decoded
     * frames. The page itself exposes nothing.
     */
    public static final String RECORD_PEER_CONNECTIONS = """
            window.__peerConnections = [];
            const Original = window.RTCPeerConnection;
            window.RTCPeerConnection = function (...args) {
              const pc = new Original(...args);
              window.__peerConnections.push(pc);
              return pc;
            };
            window.RTCPeerConnection.prototype = Original.prototype;
            window.RTCPeerConnection.generateCertificate = (...args) => Original.generateCertificate(...args);
            window.__decodingVideos = 0;
            setInterval(async () => {
              let decoding = 0;
              for (const pc of window.__peerConnections) {
                if (pc.connectionState === 'closed') continue;
                (await pc.getStats()).forEach((report) => {
                  if (report.type === 'inbound-rtp' && report.kind === 'video' && report.framesDecoded > 0) decoding++;
                });
              }
              window.__decodingVideos = decoding;
            }, 250);
            window.__rtpPackets = async (type) => {
              const packets = {};
              for (const pc of window.__peerConnections) {
                if (pc.connectionState === 'closed') continue;
                (await pc.getStats()).forEach((report) => {
                  if (report.type === type) packets[report.ssrc] = report.packetsSent ?? report.packetsReceived;
                });
              }
              return packets;
            };
            """;

    public static void enter(Page page, String name, String pin) {
        page.getByLabel("Your name").fill(name);
        page.getByLabel("PIN").fill(pin);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are in the meeting"))).isVisible();
        assertThat(tile(page, name + " · you")).hasCount(1);
    }

    public static void awaitDecodingVideos(Page page, int videos) {
        // A function, not an expression: Playwright polls an expression with eval, which the page's CSP forbids.
        page.waitForFunction("() => window.__decodingVideos >= " + videos, null,
                new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(250));
    }

    public static Locator tile(Page page, String caption) {
        return page.locator("#tiles figure", new Page.LocatorOptions().setHas(page.locator("figcaption", new Page.LocatorOptions()
                .setHasText(caption))));
    }
}
