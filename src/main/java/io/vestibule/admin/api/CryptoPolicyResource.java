package io.vestibule.admin.api;

import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.admin.crypto.CryptoUses;
import io.vestibule.crypto.CryptoPolicyReport.KeyInUse;
import io.vestibule.crypto.CryptoPolicyReport.Use;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.json.JsonBuilders;

/**
 * The crypto policy report: each use of keys and certificates with its algorithm, key size or curve, signature
 * algorithm and verdict. Operators read it with the configuration; auditors, who check the service, read it too.
 */
@Path("/crypto-policy")
@Produces(MediaType.APPLICATION_JSON)
public class CryptoPolicyResource {
    @Inject
    CryptoUses uses;

    @GET
    @RequiresPermission({Permission.VIEW_CONFIGURATION, Permission.VIEW_LOGS})
    public String report() {
        var array = JsonBuilders.array();
        uses.inForce().forEach(use -> array.add(useJson(use)));
        return JsonBuilders.object().add("policy", "CCN-STIC-807").add("uses", array).build().toString();
    }

    private static JsonObjectBuilder useJson(Use use) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("use", use.name())
                .add("source", use.source())
                .add("verdict", use.verdict().name().toLowerCase(Locale.ROOT));
        use.reason().ifPresent(reason -> json.add("reason", reason));
        use.principal().ifPresent(key -> describe(json, key));
        var keys = JsonBuilders.array();
        use.keys().forEach(key -> {
            JsonObjectBuilder keyJson = JsonBuilders.object();
            key.subject().ifPresent(subject -> keyJson.add("subject", subject));
            describe(keyJson, key);
            key.notAfter().ifPresent(notAfter -> keyJson.add("notAfter", notAfter.toString()));
            keyJson.add("verdict", key.verdict().name().toLowerCase(Locale.ROOT));
            key.reason().ifPresent(reason -> keyJson.add("reason", reason));
            keys.add(keyJson);
        });
        return json.add("keys", keys);
    }

    private static void describe(JsonObjectBuilder json, KeyInUse key) {
        json.add("algorithm", key.algorithm()).add("keySize", key.keySize());
        key.curve().ifPresent(curve -> json.add("curve", curve));
        key.signatureAlgorithm().ifPresent(signature -> json.add("signatureAlgorithm", signature));
    }
}
