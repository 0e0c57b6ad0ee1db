package io.vestibule.admin.api;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.vestibule.calendar.block.JoinBlockTemplates;
import io.vestibule.crypto.CryptoPolicy;

/**
 * The admin API's view of a join-block template. Each part carries its SHA-256 fingerprint: the audit log records
 * fingerprints and lengths before and after a change, since two templates of up to 8,000 characters each do not fit
 * an audit entry, and an auditor matches them against the template the API shows.
 */
@ApplicationScoped
public class JoinBlockJson {
    @Inject
    CryptoPolicy crypto;

    JsonObject inForce(JoinBlockTemplates.InForce inForce) {
        return Json.createObjectBuilder()
                .add("language", inForce.language().code())
                .add("isDefault", inForce.isDefault())
                .add("html", inForce.template().html())
                .add("text", inForce.template().text())
                .add("htmlSha256", fingerprint(inForce.template().html()))
                .add("textSha256", fingerprint(inForce.template().text()))
                .build();
    }

    /** What the audit log keeps of a template: never the text itself, which may be long. */
    JsonObject audited(JoinBlockTemplates.InForce inForce) {
        return Json.createObjectBuilder()
                .add("language", inForce.language().code())
                .add("isDefault", inForce.isDefault())
                .add("htmlSha256", fingerprint(inForce.template().html()))
                .add("htmlLength", inForce.template().html().length())
                .add("textSha256", fingerprint(inForce.template().text()))
                .add("textLength", inForce.template().text().length())
                .build();
    }

    private String fingerprint(String text) {
        return HexFormat.of().formatHex(crypto.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
