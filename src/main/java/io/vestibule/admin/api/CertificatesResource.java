package io.vestibule.admin.api;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.crypto.pki.CertificateKeyType;
import io.vestibule.crypto.pki.CertificateRefusal;
import io.vestibule.crypto.pki.CertificateRequest;
import io.vestibule.crypto.pki.CertificateRequestSpec;
import io.vestibule.crypto.pki.InstalledCertificate;
import io.vestibule.crypto.pki.ServerCertificates;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/**
 * The listeners' certificates (R-TLS-4): signing requests, installing what a CA signed or a certificate with its
 * key, and choosing which one each listener presents, at once and from each start. Keys never leave the master key store and
 * neither keys nor passphrases are echoed or audited.
 */
@Path("/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificatesResource {
    private static final int LONGEST_PEM = 256 * 1024;
    private static final int LONGEST_NAME = 253;
    private static final String APPLIES_NOW = "the listener presents it to new connections now; open connections keep the old one until they close";
    private static final String APPLIES_AT_START = "applies at the next restart";
    /** The subject's attributes an administrator may fill in, most significant first as CAs print them. */
    private static final Map<String, ASN1ObjectIdentifier> SUBJECT = subjectAttributes();

    @Inject
    ServerCertificates certificates;

    @Inject
    AdminAudit audit;

    @Inject
    CurrentAdministrator current;

    /** The launcher's PEM files, which win over any assignment. */
    @Inject
    @ConfigProperty(name = "vestibule.tls.cert.file")
    Optional<String> configuredCertificateFile;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String installed() {
        var array = JsonBuilders.array();
        certificates.installed().forEach(certificate -> array.add(json(certificate)));
        return array.build().toString();
    }

    /** {@code {format: "pem", certificates, privateKey, passphrase?}} or {@code {format: "pkcs12", pkcs12: base64, passphrase}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public Response upload(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("format", "certificates", "privateKey", "pkcs12", "passphrase"));
        String format = request.optionalText("format", 8).orElse("pem");
        char[] passphrase = request.optionalSecret("passphrase", 1024).orElse(new char[0]);
        InstalledCertificate installed = installing("uploaded with its key", () -> switch (format) {
            case "pem" -> certificates.installWithKey(pem(request, "certificates"),
                    request.optionalLines("privateKey", LONGEST_PEM).orElseThrow(() -> ApiProblem.invalidField("privateKey", "required",
                            "'privateKey' is required with the PEM format.")), passphrase);
            case "pkcs12" -> certificates.installPkcs12(base64("pkcs12", request.optionalLines("pkcs12", LONGEST_PEM * 2).orElseThrow(() -> ApiProblem.invalidField("pkcs12", "required",
                    "'pkcs12' is required with the PKCS#12 format."))), passphrase);
            default -> throw ApiProblem.invalidField("format", "one_of", "'format' is pem or pkcs12.");
        });
        return Response.status(Response.Status.CREATED).entity(json(installed).build().toString()).build();
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public Response delete(@PathParam("id") String id) {
        InstalledCertificate deleted = refusedAs(AuditEventType.CERTIFICATE_DELETE, "certificate " + id, () -> certificates.delete(id));
        audit.changed(AuditEventType.CERTIFICATE_DELETE, "certificate " + id + " (" + deleted.subject() + ")");
        return Response.noContent().build();
    }

    @GET
    @Path("requests")
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String requests() {
        var array = JsonBuilders.array();
        certificates.requests().forEach(request -> array.add(json(request)));
        return array.build().toString();
    }

    /** {@code {keyType, subject: {CN, O, OU, L, ST, C}, dnsNames[], ipAddresses[], msTemplate?}}. */
    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public Response createRequest(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("keyType", "subject", "dnsNames", "ipAddresses", "msTemplate"));
        String keyTypeName = request.requiredText("keyType", 16);
        CertificateKeyType keyType = CertificateKeyType.fromApiName(keyTypeName).orElseThrow(() -> ApiProblem.invalidField("keyType", "one_of",
                "'keyType' is one of ec-p256, ec-p384, rsa-3072, rsa-4096."));
        X500Name subject = subject(body.asJsonObject().get("subject"));
        List<String> dnsNames = request.optionalTextList("dnsNames", 50, LONGEST_NAME).orElse(List.of());
        List<String> addresses = request.optionalTextList("ipAddresses", 50, 45).orElse(List.of());
        for (String name : dnsNames) {
            if (!name.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*")) {
                throw ApiProblem.invalidField("dnsNames", "invalid_host_name", "'dnsNames' holds a name that is not a host name.");
            }
        }
        for (String address : addresses) {
            if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]+") || !address.contains(".") && !address.contains(":")) {
                throw ApiProblem.invalidField("ipAddresses", "invalid_address", "'ipAddresses' holds something that is not an IP address.");
            }
        }
        Optional<String> template = request.optionalText("msTemplate", 64);
        CertificateRequest created;
        try {
            created = certificates.createRequest(new CertificateRequestSpec(keyType, subject, dnsNames, addresses, template));
        } catch (CertificateRefusal refusal) {
            throw problem(refusal);
        }
        audit.changed(AuditEventType.CERTIFICATE_REQUEST_CREATE, "request " + created.id() + ", " + keyType.apiName() + ", " + created.subject()
                + ", names " + created.subjectAlternativeNames() + template.map(name -> ", template " + name).orElse(""));
        JsonObject answer = json(created).add("csr", certificates.requestPem(created.id())).build();
        return Response.status(Response.Status.CREATED).entity(answer.toString()).build();
    }

    @GET
    @Path("requests/{id}/csr")
    @Produces("application/pkcs10")
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public Response requestPem(@PathParam("id") String id) {
        String pem;
        try {
            pem = certificates.requestPem(id);
        } catch (CertificateRefusal refusal) {
            throw problem(refusal);
        }
        return Response.ok(pem, "application/pkcs10").header("Content-Disposition", "attachment; filename=\"vestibule-" + id + ".csr\"").build();
    }

    @DELETE
    @Path("requests/{id}")
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public Response deleteRequest(@PathParam("id") String id) {
        refusedAs(AuditEventType.CERTIFICATE_DELETE, "request " + id, () -> {
            certificates.deleteRequest(id);
            return id;
        });
        audit.changed(AuditEventType.CERTIFICATE_DELETE, "request " + id + " and its key");
        return Response.noContent().build();
    }

    /** {@code {certificates: PEM chain, caCertificates?: PEM}}: what the CA signed for the request, and its chain. */
    @POST
    @Path("requests/{id}/certificate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public Response installSigned(@PathParam("id") String id, JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("certificates", "caCertificates"));
        String chain = pem(request, "certificates");
        String authorities = request.optionalLines("caCertificates", LONGEST_PEM).map(text -> text.replace("\r", "")).orElse("");
        InstalledCertificate installed = installing("for request " + id, () -> certificates.installSigned(id, chain, authorities));
        return Response.status(Response.Status.CREATED).entity(json(installed).build().toString()).build();
    }

    @GET
    @Path("assignments")
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String assignments() {
        var answer = JsonBuilders.object();
        certificates.assignments().forEach(answer::add);
        return answer.build().toString();
    }

    /**
     * {@code {portal?: id, admin?: id}}: each listener presents its certificate at once, checked on loopback, and from
     * each start; a listener that does not present it keeps the old one ({@code not_served}).
     */
    @PUT
    @Path("assignments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public String assign(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.copyOf(ServerCertificates.LISTENERS));
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String listener : ServerCertificates.LISTENERS) {
            request.optionalText(listener, 32).ifPresent(id -> chosen.put(listener, id));
        }
        if (chosen.isEmpty()) {
            throw ApiProblem.invalidField("portal", "required", "Name a certificate for 'portal', 'admin' or both.");
        }
        Map<String, InstalledCertificate> assigned = refusedAs(AuditEventType.CERTIFICATE_ASSIGN, "assignment " + chosen,
                () -> certificates.assign(chosen));
        String applies = applies();
        audit.changed(AuditEventType.CERTIFICATE_ASSIGN, String.join(", ", assigned.entrySet().stream()
                .map(entry -> entry.getKey() + " listener: certificate " + entry.getValue().id() + " (" + entry.getValue().subject() + ")").toList())
                + "; " + applies);
        var listeners = JsonBuilders.object();
        assigned.forEach((listener, certificate) -> listeners.add(listener, json(certificate)));
        return answer(applies).add("assigned", listeners).build().toString();
    }

    /** The listener presents the service's self-signed certificate again, at once. */
    @DELETE
    @Path("assignments/{listener}")
    @RequiresPermission(Permission.MANAGE_CERTIFICATES)
    public String unassign(@PathParam("listener") String listener) {
        if (!ServerCertificates.LISTENERS.contains(listener)) {
            throw new ApiProblem(Response.Status.NOT_FOUND, "no_such_listener", "The listeners are 'portal' and 'admin'.");
        }
        refusedAs(AuditEventType.CERTIFICATE_ASSIGN, "end of the " + listener + " listener's assignment", () -> {
            certificates.unassign(listener);
            return listener;
        });
        String applies = applies();
        audit.changed(AuditEventType.CERTIFICATE_ASSIGN, listener + " listener: the self-signed certificate again; " + applies);
        return answer(applies).add("unassigned", listener).build().toString();
    }

    private String applies() {
        return configuredCertificateFile.isEmpty() && certificates.appliesNow() ? APPLIES_NOW : APPLIES_AT_START;
    }

    private jakarta.json.JsonObjectBuilder answer(String applies) {
        boolean configuredFilesWin = configuredCertificateFile.isPresent();
        return JsonBuilders.object().add("appliesAt", applies.equals(APPLIES_NOW) ? "now" : "next restart")
                .add("message", "Done: " + applies + (configuredFilesWin
                        ? "; while VESTIBULE_TLS_CERT_FILE is set, the configured PEM files win over it" : "") + ".")
                .add("configuredFilesWin", configuredFilesWin);
    }

    private InstalledCertificate installing(String what, java.util.function.Supplier<InstalledCertificate> install) {
        InstalledCertificate installed = refusedAs(AuditEventType.CERTIFICATE_INSTALL, what, install);
        audit.changed(AuditEventType.CERTIFICATE_INSTALL, "certificate " + installed.id() + " " + what + ": " + installed.subject() + ", issued by "
                + installed.issuer() + ", valid until " + installed.notAfter());
        return installed;
    }

    private <T> T refusedAs(AuditEventType type, String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (CertificateRefusal refusal) {
            audit.record(type, current.actor(), AuditEvent.Outcome.FAILURE, what + ": " + refusal.code() + ", " + refusal.getMessage());
            throw problem(refusal);
        }
    }

    private static ApiProblem problem(CertificateRefusal refusal) {
        Response.Status status = switch (refusal.code()) {
            case "no_such_request", "no_such_certificate" -> Response.Status.NOT_FOUND;
            case "in_use", "not_assigned" -> Response.Status.CONFLICT;
            case "not_served" -> Response.Status.SERVICE_UNAVAILABLE;
            default -> Response.Status.BAD_REQUEST;
        };
        return new ApiProblem(status, refusal.code(), refusal.getMessage());
    }

    private static String pem(JsonRequest request, String field) {
        return request.optionalLines(field, LONGEST_PEM).orElseThrow(() -> ApiProblem.invalidField(field, "required", "'" + field + "' is required."))
                .replace("\r", "");
    }

    private static X500Name subject(JsonValue value) {
        if (!(value instanceof JsonObject fields)) {
            throw ApiProblem.invalidField("subject", "required", "'subject' is an object with at least CN.");
        }
        JsonRequest subject = JsonRequest.of(fields, SUBJECT.keySet());
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        SUBJECT.forEach((attribute, oid) -> subject.optionalText(attribute, attribute.equals("C") ? 2 : 64).ifPresent(text -> {
            if (attribute.equals("C") && !text.matches("[A-Z]{2}")) {
                throw ApiProblem.invalidField("C", "country_code", "'C' is a two-letter country code (ISO 3166), such as ES.");
            }
            name.addRDN(oid, text);
        }));
        if (subject.optionalText("CN", 64).isEmpty()) {
            throw ApiProblem.invalidField("CN", "required", "'subject.CN' is required.");
        }
        return name.build();
    }

    private static Map<String, ASN1ObjectIdentifier> subjectAttributes() {
        Map<String, ASN1ObjectIdentifier> attributes = new LinkedHashMap<>();
        attributes.put("C", BCStyle.C);
        attributes.put("ST", BCStyle.ST);
        attributes.put("L", BCStyle.L);
        attributes.put("O", BCStyle.O);
        attributes.put("OU", BCStyle.OU);
        attributes.put("CN", BCStyle.CN);
        return attributes;
    }

    private static byte[] base64(String field, String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "not_base64", "'" + field + "' must be base64.");
        }
    }

    private static jakarta.json.JsonObjectBuilder json(InstalledCertificate certificate) {
        var names = JsonBuilders.array();
        certificate.subjectAlternativeNames().forEach(names::add);
        var usedBy = JsonBuilders.array();
        certificate.usedBy().forEach(usedBy::add);
        return JsonBuilders.object().add("id", certificate.id()).add("subject", certificate.subject()).add("issuer", certificate.issuer())
                .add("subjectAlternativeNames", names).add("notBefore", certificate.notBefore().toString())
                .add("notAfter", certificate.notAfter().toString()).add("keyAlgorithm", certificate.keyAlgorithm())
                .add("keySize", certificate.keyBits()).add("sha256Fingerprint", certificate.sha256Fingerprint()).add("usedBy", usedBy);
    }

    private static jakarta.json.JsonObjectBuilder json(CertificateRequest request) {
        var names = JsonBuilders.array();
        request.subjectAlternativeNames().forEach(names::add);
        return JsonBuilders.object().add("id", request.id()).add("subject", request.subject()).add("subjectAlternativeNames", names)
                .add("keyAlgorithm", request.keyAlgorithm()).add("keySize", request.keyBits()).add("createdAt", request.createdAt().toString());
    }
}
