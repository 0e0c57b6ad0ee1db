package io.vestibule.identity.roles;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an administrator may do. Every admin endpoint names the permission it needs (R-ADM-4); roles are sets of
 * permissions. Those marked {@code auditorOnly} are the seed's separation of duties (seed 003, "Administrator
 * roles"): only the built-in Auditor role holds them, so no custom role can give an operator the logs, the call
 * records or the backups. Auditors manage Auditor accounts and mappings ({@code manage_auditors}) because no
 * operator may ({@link SeparationOfDuties}).
 */
public enum Permission {
    VIEW_CONFIGURATION("view_configuration", "View settings, accounts, roles, the directory and role mappings", false),
    CHANGE_CONFIGURATION("change_configuration", "Change settings, the directory and role mappings", false),
    MANAGE_ACCOUNTS("manage_accounts", "Create, change and delete local accounts and roles", false),
    VIEW_ROOMS("view_rooms", "Find rooms and see their meetings and live state", false),
    MANAGE_ROOMS("manage_rooms", "Change a room's participant limit and close rooms", false),
    MANAGE_INTEGRATIONS("manage_integrations", "Create and delete calendar integrations (their secrets are shown once)", false),
    VIEW_ALARMS("view_alarms", "View raised and cleared alarms", false),
    LIFT_BLOCKS("lift_blocks", "Lift a break-in block of a room, an address or an account before its end", false),
    MANAGE_CERTIFICATES("manage_certificates", "Create certificate signing requests, install, delete and assign the listeners' certificates, and import and delete the CA certificates of the trust store", false),
    VIEW_LOGS("view_logs", "View the audit log", true),
    VIEW_CDRS("view_cdrs", "Search, view and export call detail records", true),
    MANAGE_BACKUPS("manage_backups", "Create, delete and download backups", true),
    CREATE_SNAPSHOTS("create_snapshots", "Generate system snapshots", true),
    MANAGE_PACKET_CAPTURES("manage_packet_captures", "Create, delete and download packet captures", true),
    MANAGE_AUDITORS("manage_auditors", "Create, change and delete Auditor accounts and the role mappings that give Auditor", true);

    private final String apiName;
    private final String description;
    private final boolean auditorOnly;

    Permission(String apiName, String description, boolean auditorOnly) {
        this.apiName = apiName;
        this.description = description;
        this.auditorOnly = auditorOnly;
    }

    public String apiName() {
        return apiName;
    }

    public String description() {
        return description;
    }

    public boolean auditorOnly() {
        return auditorOnly;
    }

    public static Optional<Permission> fromApiName(String name) {
        return Arrays.stream(values()).filter(permission -> permission.apiName.equals(name)).findFirst();
    }
}
