package io.vestibule.admin.api;

import java.security.ProviderException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.alarm.Alarms;
import io.vestibule.cdr.CallRecords;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.keys.DataKey;
import io.vestibule.crypto.keys.DataKeyRing;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.json.JsonBuilders;

/**
 * The key hierarchy as an administrator sees it (names, dates, never a key): which key-encryption key wraps new
 * data keys, and the data keys in use. Rotation adds a key-encryption key and retires the data keys in use, so what is
 * sealed next is under keys wrapped by the new one; nothing is re-encrypted and old keys stay to open what they sealed.
 */
@Path("/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {
    @Inject
    MasterKeyStore masterKeyStore;

    @Inject
    DataKeyRing dataKeys;

    @Inject
    CallRecords callRecords;

    @Inject
    AdminAudit audit;

    @Inject
    CurrentAdministrator current;

    @Inject
    Alarms alarms;

    @Inject
    Clock clock;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String status() {
        return JsonBuilders.object()
                .add("keyEncryptionKey", masterKeyStore.currentKeyEncryptionKey().alias())
                .add("callRecordKeyEncryptionKeys", callRecords.keyEncryptionKeysDescription())
                .add("dataKeys", dataKeysJson(dataKeys.active()))
                .build().toString();
    }

    @POST
    @Path("rotate")
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String rotate() {
        String keyEncryptionKey;
        String callRecordKey;
        try {
            keyEncryptionKey = masterKeyStore.rotateKeyEncryptionKey().alias();
            callRecordKey = callRecords.rotateKeyEncryptionKey();
        } catch (IllegalStateException | ProviderException notSaved) {
            // A full disk, a token that refuses: the store in use is unchanged (it swaps in a copy only once saved).
            alarms.raise("keys.rotation_failed", "master key store", notSaved.getMessage(), Optional.empty());
            audit.record(AuditEventType.KEYS_ROTATE, current.actor(), AuditEvent.Outcome.FAILURE, notSaved.getMessage());
            throw new ApiProblem(503, "key_store_unwritable", "The new key could not be saved, so nothing changed: "
                    + notSaved.getMessage());
        }
        List<DataKey> retired = dataKeys.retireActiveCreatedBefore(clock.instant().plusSeconds(1));
        JsonObject answer = JsonBuilders.object()
                .add("keyEncryptionKey", keyEncryptionKey)
                .add("callRecordKeyEncryptionKey", callRecordKey)
                .add("dataKeysRetired", dataKeysJson(retired))
                .build();
        audit.changed(AuditEventType.KEYS_ROTATE, "key-encryption key " + keyEncryptionKey + ", call records' " + callRecordKey + "; data keys retired: "
                + retired.stream().map(key -> key.purpose() + " #" + key.id()).toList());
        return answer.toString();
    }

    private static JsonArray dataKeysJson(List<DataKey> keys) {
        var array = JsonBuilders.array();
        keys.forEach(key -> array.add(JsonBuilders.object().add("id", key.id()).add("purpose", key.purpose())
                .add("keyEncryptionKey", key.kekAlias()).add("createdAt", key.createdAt().toString())));
        return array.build();
    }
}
