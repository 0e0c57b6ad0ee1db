package io.vestibule.cdr;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JcePasswordAuthEnvelopedRecipient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vestibule.access.events.CallEvent;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag(TestCertificates.NEEDS_BCPROV)
class CallRecordExportTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private final CallRecordExport export = new CallRecordExport(CryptoPolicy.standard(), CryptoPolicy.standard().newSecureRandom());
    private final List<CallRecordSearch.Found> records = List.of(
            new CallRecordSearch.Found(7, Instant.parse("2026-12-01T09:00:00Z"), Optional.of(
                    CallEvent.of(CallEvent.Type.PARTICIPANT_JOIN, Instant.parse("2026-12-01T09:00:00Z"), "guest")
                            .participant("p-1", "guest", "=HYPERLINK(\"http://evil\")").remote("198.51.100.7", 4242, "UA, with \"quotes\"").build())),
            new CallRecordSearch.Found(8, Instant.parse("2026-12-01T09:01:00Z"), Optional.empty()));

    @Test
    void aCsvExportOpensWithThePassphraseOnlyAndDisarmsFormulas() throws Exception {
        byte[] encrypted = export.export(records, CallRecordExport.Format.CSV, PASSPHRASE);
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain("198.51.100.7").doesNotContain("HYPERLINK");
        String csv = new String(open(encrypted, PASSPHRASE), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\"sequence\"".replace("\"", "") + ",occurredAt");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains("\"UA, with \"\"quotes\"\"\"").contains("\"unreadable\"");
        assertThatThrownBy(() -> open(encrypted, "wrong passphrase".toCharArray())).isInstanceOf(Exception.class);
    }

    @Test
    void aJsonExportHoldsEveryRecordWithItsSequence() throws Exception {
        String json = new String(open(export.export(records, CallRecordExport.Format.JSON, PASSPHRASE), PASSPHRASE), StandardCharsets.UTF_8);
        assertThat(json).contains("\"sequence\":7").contains("\"remotePort\":4242").contains("\"sequence\":8").contains("destroyed");
    }

    @Test
    void aTamperedExportDoesNotOpen() {
        byte[] encrypted = export.export(records, CallRecordExport.Format.JSON, PASSPHRASE);
        encrypted[encrypted.length - 20] ^= 1;
        assertThatThrownBy(() -> open(encrypted, PASSPHRASE)).isInstanceOf(Exception.class);
    }

    private static byte[] open(byte[] encrypted, char[] passphrase) throws Exception {
        CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(encrypted);
        RecipientInformation recipient = data.getRecipientInfos().getRecipients().iterator().next();
        return recipient.getContent(new JcePasswordAuthEnvelopedRecipient(passphrase)
                .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8).setProvider(CryptoPolicy.bouncyCastle()));
    }
}
