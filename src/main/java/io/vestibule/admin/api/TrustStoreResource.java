package io.vestibule.admin.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.CaTrustStore.BundleOutcome;
import io.vestibule.crypto.pki.CaTrustStore.CrlOutcome;
import io.vestibule.crypto.pki.CaTrustStore.ImportOutcome;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/**
 * The trust store's CA certificates (R-TLS-3): listed and exported by those who see the configuration, imported as a
 * PEM bundle (each certificate imported, already held or refused with its reason) and deleted by holders of
 * {@code manage_certificates}. The directory, the provider and syslog trust them from their next connection. The CRLs
 * of those CAs come in the same bundle or on their own ({@code /crls}); the revocation check of administrators' client
 * certificates reads them at the next sign-in.
 */
@Path("/trust-store")
public class TrustStoreResource {
    /** Room for a bundle of a few hundred CA certificates. */
    private static final int LONGEST_BUNDLE = 512 * 1024;

    @Inject
    CaTrustStore store;

    @Inject
    AdminAudit audit;

    @Inject
    CurrentAdministrator current;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission({Permission.MANAGE_CERTIFICATES, Permission.VIEW_CONFIGURATION})
    public String list() {
        var certificates = JsonBuilders.array();
        store.certificates().forEach(certificate -> certificates.add(json(certificate, CaTrustStore.fingerprint(certificate))));
        return certificates.build().toString();
    }

    @GET
    @Path("ca-certificates.pem")
    @Produces("application/x-pem-file")
    @RequiresPermission({Permission.MANAGE_CERTIFICATES, Permission.VIEW_CONFIGURATION})
    public Response export() {
        return Response.ok(store.exportPem(), "application/x-pem-file")
                .header("Content-Disposition", "attachment; filename=\"ca-certificates.pem\"").build();
    }

    /** {@code {"pem": "-----BEGIN CERTIFICATE-----…"}}, one certificate or many, and CRLs of the store's CAs if any. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public String importBundle(JsonValue body) {
        String pem = pem(body);
        BundleOutcome outcome;
        try {
            outcome = store.importCertificatesAndCrls(pem);
        } catch (IllegalArgumentException notPem) {
            audit.record(AuditEventType.TRUST_IMPORT, current.actor(), AuditEvent.Outcome.REFUSED, "not a bundle of PEM certificates");
            throw ApiProblem.invalidField("pem", "not_pem", "'pem' is not a bundle of PEM certificates.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ImportOutcome> outcomes = outcome.certificates();
        boolean anyTaken = outcomes.stream().anyMatch(taken -> taken.result() != ImportOutcome.Result.REFUSED)
                || outcome.crls().stream().anyMatch(taken -> taken.result() != ImportOutcome.Result.REFUSED);
        audit.record(AuditEventType.TRUST_IMPORT, current.actor(), anyTaken ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.REFUSED,
                Stream.concat(outcomes.stream().map(TrustStoreResource::describe), outcome.crls().stream().map(TrustStoreResource::describe))
                        .collect(Collectors.joining("; ")));
        var results = JsonBuilders.array();
        for (ImportOutcome certificate : outcomes) {
            JsonObjectBuilder json = json(certificate.certificate(), certificate.fingerprint()).add("result", certificate.result().name().toLowerCase());
            certificate.refusal().ifPresent(refusal -> json.add("reason", refusal.code()).add("message", refusal.message()));
            results.add(json);
        }
        return JsonBuilders.object().add("results", results).add("crls", crlResults(outcome.crls())).build().toString();
    }

    /** The CRLs held, each with the CA that signed it and whether it is still current. */
    @GET
    @Path("crls")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission({Permission.MANAGE_CERTIFICATES, Permission.VIEW_CONFIGURATION})
    public String listCrls() {
        var crls = JsonBuilders.array();
        store.crls().forEach(crl -> crls.add(json(crl, CaTrustStore.fingerprint(crl))));
        return crls.build().toString();
    }

    /**
     * {@code {"pem": "-----BEGIN X509 CRL-----…"}}, one CRL or several, all or none: a CRL the store cannot take (an
     * issuer it does not hold, a signature that does not verify, past its nextUpdate) is a 400 naming why.
     */
    @POST
    @Path("crls")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public String importCrls(JsonValue body) {
        String pem = pem(body);
        List<CrlOutcome> outcomes;
        try {
            outcomes = store.importCrls(pem);
        } catch (IllegalArgumentException notPem) {
            audit.record(AuditEventType.TRUST_IMPORT, current.actor(), AuditEvent.Outcome.REFUSED, "not PEM CRLs");
            throw ApiProblem.invalidField("pem", "not_crl", "'pem' holds no PEM CRL (-----BEGIN X509 CRL-----).");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String detail = outcomes.stream().map(TrustStoreResource::describe).collect(Collectors.joining("; "));
        var refused = outcomes.stream().filter(outcome -> outcome.result() == ImportOutcome.Result.REFUSED).findFirst();
        if (refused.isPresent()) {
            audit.record(AuditEventType.TRUST_IMPORT, current.actor(), AuditEvent.Outcome.REFUSED, detail);
            CaTrustStore.Refusal why = refused.get().refusal().orElseThrow();
            throw ApiProblem.invalidField("pem", why.code(), why.message() + " No CRL of the text was imported.")
                    .with("id", refused.get().fingerprint());
        }
        audit.record(AuditEventType.TRUST_IMPORT, current.actor(), AuditEvent.Outcome.SUCCESS, detail);
        return JsonBuilders.object().add("crls", crlResults(outcomes)).build().toString();
    }

    @DELETE
    @Path("crls/{fingerprint}")
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public Response deleteCrl(@PathParam("fingerprint") String fingerprint) {
        requireFingerprint(fingerprint);
        X509CRL deleted;
        try {
            deleted = store.deleteCrl(fingerprint).orElseThrow(() -> new ApiProblem(Response.Status.NOT_FOUND, "no_such_crl",
                    "The trust store holds no CRL of this fingerprint."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.changed(AuditEventType.TRUST_DELETE, "crl " + CaTrustStore.fingerprint(deleted) + " " + deleted.getIssuerX500Principal().getName());
        return Response.noContent().build();
    }

    private static String pem(JsonValue body) {
        return JsonRequest.of(body, Set.of("pem")).optionalLines("pem", LONGEST_BUNDLE)
                .orElseThrow(() -> ApiProblem.invalidField("pem", "required", "'pem' holds one or more PEM certificates or CRLs."));
    }

    private static void requireFingerprint(String fingerprint) {
        if (!fingerprint.matches("[0-9A-Fa-f:]{64,95}")) {
            throw ApiProblem.invalidField("fingerprint", "not_a_fingerprint", "A certificate or CRL is named by its SHA-256 fingerprint in hexadecimal.");
        }
    }

    private JsonArrayBuilder crlResults(List<CrlOutcome> outcomes) {
        var results = JsonBuilders.array();
        for (CrlOutcome outcome : outcomes) {
            JsonObjectBuilder json = json(outcome.crl(), outcome.fingerprint()).add("result", outcome.result().name().toLowerCase());
            outcome.refusal().ifPresent(refusal -> json.add("reason", refusal.code()).add("message", refusal.message()));
            results.add(json);
        }
        return results;
    }

    @DELETE
    @Path("{fingerprint}")
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public Response delete(@PathParam("fingerprint") String fingerprint) {
        requireFingerprint(fingerprint);
        X509Certificate deleted;
        try {
            deleted = store.delete(fingerprint).orElseThrow(() -> new ApiProblem(Response.Status.NOT_FOUND, "no_such_certificate",
                    "The trust store holds no certificate of this fingerprint."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.changed(AuditEventType.TRUST_DELETE, CaTrustStore.fingerprint(deleted) + " " + deleted.getSubjectX500Principal().getName());
        return Response.noContent().build();
    }

    private static String describe(ImportOutcome outcome) {
        return outcome.result().name().toLowerCase() + " " + outcome.fingerprint() + " " + outcome.certificate().getSubjectX500Principal().getName()
                + outcome.refusal().map(refusal -> " (" + refusal.code() + ": " + refusal.message() + ")").orElse("");
    }

    private static String describe(CrlOutcome outcome) {
        return outcome.result().name().toLowerCase() + " crl " + outcome.fingerprint() + " " + outcome.crl().getIssuerX500Principal().getName()
                + outcome.refusal().map(refusal -> " (" + refusal.code() + ": " + refusal.message() + ")").orElse("");
    }

    private JsonObjectBuilder json(X509CRL crl, String fingerprint) {
        JsonObjectBuilder json = JsonBuilders.object().add("id", fingerprint)
                .add("issuer", crl.getIssuerX500Principal().getName())
                .add("thisUpdate", crl.getThisUpdate().toInstant().toString())
                .add("count", crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size())
                .add("stale", store.stale(crl));
        if (crl.getNextUpdate() != null) {
            json.add("nextUpdate", crl.getNextUpdate().toInstant().toString());
        }
        store.issuerOf(crl).ifPresent(issuer -> json.add("issuerId", CaTrustStore.fingerprint(issuer)));
        return json;
    }

    private static JsonObjectBuilder json(X509Certificate certificate, String fingerprint) {
        return JsonBuilders.object().add("id", fingerprint)
                .add("subject", certificate.getSubjectX500Principal().getName())
                .add("issuer", certificate.getIssuerX500Principal().getName())
                .add("notAfter", certificate.getNotAfter().toInstant().toString())
                .add("key", key(certificate));
    }

    private static String key(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize();
        }
        return certificate.getPublicKey().getAlgorithm();
    }
}
