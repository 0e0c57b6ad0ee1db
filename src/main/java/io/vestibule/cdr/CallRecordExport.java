package io.vestibule.cdr;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonArrayBuilder;

import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JcePasswordRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;

import io.vestibule.access.events.CallEvent;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.json.JsonBuilders;

/**
 * An auditor's export (R-CDR-5): the records as CSV or JSON, encrypted to a passphrase as CMS authenticated-enveloped
 * data (RFC 5083; AES-256-GCM content, password recipient of RFC 3211 with PBKDF2-HMAC-SHA-256), which
 * {@code openssl cms -decrypt -pwri_password ...} opens. The plaintext exists only in memory.
 */
public final class CallRecordExport {
    public enum Format {
        CSV, JSON
    }

    private static final String[] COLUMNS = {"sequence", "occurredAt", "type", "outcome", "conferenceId", "roomId", "participantId",
        "role", "displayName", "identity", "remoteAddress", "remotePort", "userAgent", "durationSeconds", "encryption", "detail"};

    private final CryptoPolicy policy;
    private final SecureRandom random;

    public CallRecordExport(CryptoPolicy policy, SecureRandom random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * Whether exports can be made at all: not in FIPS mode, since CMS password recipients wrap the content key as RFC
     * 3211 asks, with AES-CBC, which is not an approved key wrap and which the FIPS module does not offer.
     */
    public static boolean available(CryptoPolicy policy) {
        return !policy.fipsMode();
    }

    /** @throws IllegalStateException where exports are not {@link #available available} */
    public byte[] export(List<CallRecordSearch.Found> records, Format format, char[] passphrase) {
        if (!available(policy)) {
            throw new IllegalStateException("Passphrase-encrypted exports are not available in FIPS mode");
        }
        byte[] plaintext = format == Format.CSV ? csv(records) : json(records);
        try {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JcePasswordRecipientInfoGenerator(CMSAlgorithm.AES256_CBC, passphrase)
                    .setProvider(CryptoPolicy.bouncyCastle())
                    .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)
                    .setPRF(PasswordRecipient.PRF.HMacSHA256)
                    .setSaltAndIterationCount(salt, policy.exportPasswordIterations())
                    .setSecureRandom(random));
            OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(CryptoPolicy.bouncyCastle()).setSecureRandom(random).build();
            CMSAuthEnvelopedData enveloped = generator.generate(new CMSProcessableByteArray(plaintext), encryptor);
            return enveloped.getEncoded();
        } catch (CMSException | java.io.IOException e) {
            throw new IllegalStateException("Cannot encrypt the export", e);
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] json(List<CallRecordSearch.Found> records) {
        JsonArrayBuilder array = JsonBuilders.array();
        for (CallRecordSearch.Found found : records) {
            array.add(found.event().map(event -> JsonBuilders.object(CallEventJson.toJson(event)))
                    .orElseGet(() -> JsonBuilders.object().add("unreadable", "its day's key was destroyed"))
                    .add("sequence", found.sequence()));
        }
        return array.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(List<CallRecordSearch.Found> records) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (CallRecordSearch.Found found : records) {
            Optional<CallEvent> event = found.event();
            String[] row = {
                String.valueOf(found.sequence()), found.occurredAt().toString(),
                event.map(e -> e.type().apiName()).orElse("unreadable"), event.map(CallEvent::outcome).orElse(""),
                text(event.flatMap(CallEvent::conferenceId)), text(event.flatMap(CallEvent::roomId)),
                text(event.flatMap(CallEvent::participantId)), text(event.flatMap(CallEvent::role)),
                text(event.flatMap(CallEvent::displayName)), text(event.flatMap(CallEvent::identity)),
                text(event.flatMap(CallEvent::remoteAddress)), text(event.flatMap(CallEvent::remotePort).map(String::valueOf)),
                text(event.flatMap(CallEvent::userAgent)), text(event.flatMap(CallEvent::durationSeconds).map(String::valueOf)),
                text(event.flatMap(CallEvent::encryption)), text(event.flatMap(CallEvent::detail))};
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : ",").append(cell(row[i]));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<String> value) {
        return value.orElse("");
    }

    /** Quoted (RFC 4180); a cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
