package io.vestibule.identity.cert;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.cert.CRLException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestCertificates;

/**
 * A test CA that publishes its revocations over HTTP on 127.0.0.1, as a real one would: a CRL at {@code /ca.crl} and
 * an OCSP responder at {@code /ocsp}, both dated by the test's clock and signed by the CA (or by whoever the test
 * names), counting the requests they answer.
 */
final class RevocationAuthority implements AutoCloseable {
    final TestCertificates.Issued ca;
    final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    final AtomicInteger crlRequests = new AtomicInteger();
    final AtomicInteger ocspRequests = new AtomicInteger();
    private final Clock clock;
    private final HttpServer server;
    volatile TestCertificates.Issued ocspSigner;
    volatile Duration validity = Duration.ofHours(1);

    RevocationAuthority(String name, Clock clock) throws IOException {
        this.ca = TestCertificates.authority(name);
        this.ocspSigner = ca;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ca.crl", exchange -> {
            crlRequests.incrementAndGet();
            Instant now = clock.instant();
            try {
                answer(exchange, TestCertificates.crl(ca, now.minusSeconds(60), now.plus(validity), revoked.toArray(BigInteger[]::new)).getEncoded());
            } catch (CRLException e) {
                throw new IOException(e);
            }
        });
        server.createContext("/ocsp", exchange -> {
            ocspRequests.incrementAndGet();
            answer(exchange, ocspAnswer(exchange.getRequestBody().readAllBytes()));
        });
        server.start();
    }

    String crlUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl";
    }

    String ocspUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
    }

    /** An administrator's certificate naming this CA's CRL. */
    TestCertificates.Issued withCrl(String subject) {
        return TestCertificates.issue(ca, subject, false, crlDistributionPoint(crlUrl()));
    }

    /** An administrator's certificate naming this CA's OCSP responder. */
    TestCertificates.Issued withOcsp(String subject) {
        return TestCertificates.issue(ca, subject, false, ocspResponder(ocspUrl()));
    }

    static Extension crlDistributionPoint(String url) {
        try {
            return Extension.create(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(
                    new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null)}));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Extension ocspResponder(String url) {
        try {
            return Extension.create(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, url))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An http address on 127.0.0.1 where nothing listens. */
    static String unreachable(String path) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }
    }

    private byte[] ocspAnswer(byte[] question) throws IOException {
        try {
            Instant now = clock.instant();
            TestCertificates.Issued signer = ocspSigner;
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(signer.subject()));
            for (Req request : new OCSPReq(question).getRequestList()) {
                CertificateStatus status = revoked.contains(request.getCertID().getSerialNumber())
                        ? new RevokedStatus(Date.from(now.minusSeconds(60)), CRLReason.keyCompromise) : CertificateStatus.GOOD;
                builder.addResponse(request.getCertID(), status, Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)), null);
            }
            X509CertificateHolder[] chain = signer == ca ? null : new X509CertificateHolder[] {new JcaX509CertificateHolder(signer.certificate())};
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(CryptoPolicy.bouncyCastle())
                    .build(signer.key()), chain, Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    X509Certificate certificate() {
        return ca.certificate();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
