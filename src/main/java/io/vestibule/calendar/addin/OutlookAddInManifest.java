package io.vestibule.calendar.addin;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The Outlook add-in's XML manifest (add-in only, Office add-ins manifest schema 1.1, R-CAL-1), written for this
 * service's public address: an online-meeting provider whose one command ({@value #FUNCTION_NAME}, an
 * {@code ExecuteFunction} in the function file) sits on the appointment organizer's command surface on the desktop and
 * on the online-meeting surface on mobile, for Mailbox 1.3 and later, with {@code ReadWriteItem} permission.
 *
 * <p>{@code AppDomains} lists this service's origin and the identity provider's, so that the sign-in dialog may move
 * between them. The add-in's identity ({@code Id}) must stay the same for as long as the add-in is deployed: Exchange
 * knows an add-in by it.
 */
public final class OutlookAddInManifest {
    /** The add-in's identity unless the administrator chooses another ({@code VESTIBULE_ADDIN_ID}). */
    public static final UUID DEFAULT_ID = UUID.fromString("6f0f7c1e-2b8a-4d53-9c1e-5a7e0b3d9f42");
    public static final String FUNCTION_NAME = "addVestibuleMeeting";
    public static final String VERSION = "1.0.0.0";
    static final String ADDIN_PATH = "/addin/";
    static final List<Integer> ICON_SIZES = List.of(16, 25, 32, 48, 64, 80, 128);

    private final String base;
    private final String serviceOrigin;
    private final Optional<String> identityProviderOrigin;
    private final UUID id;

    /**
     * @param publicUrl the portal's public address ({@code VESTIBULE_PUBLIC_URL}), https
     * @param identityProvider the single sign-on issuer, when configured
     */
    public OutlookAddInManifest(URI publicUrl, Optional<URI> identityProvider, UUID id) {
        if (!"https".equalsIgnoreCase(publicUrl.getScheme()) || publicUrl.getHost() == null) {
            throw new IllegalArgumentException("The add-in needs an https:// public address (VESTIBULE_PUBLIC_URL): " + publicUrl);
        }
        this.base = publicUrl.toString().replaceAll("/+$", "");
        this.serviceOrigin = origin(publicUrl);
        this.identityProviderOrigin = identityProvider.map(OutlookAddInManifest::origin).filter(origin -> !origin.equals(serviceOrigin));
        this.id = Objects.requireNonNull(id);
    }

    /** An add-in page or file by its name under {@code /addin/}. */
    public String address(String file) {
        return base + ADDIN_PATH + file;
    }

    public String xml() {
        List<String> domains = new ArrayList<>(List.of(serviceOrigin));
        identityProviderOrigin.ifPresent(domains::add);
        StringBuilder xml = new StringBuilder(8192);
        xml.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
                           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
                           xmlns:mailappor="http://schemas.microsoft.com/office/mailappversionoverrides/1.0"
                           xsi:type="MailApp">
                """);
        line(xml, 1, "<Id>" + id + "</Id>");
        line(xml, 1, "<Version>" + VERSION + "</Version>");
        line(xml, 1, "<ProviderName>Vestibule</ProviderName>");
        line(xml, 1, "<DefaultLocale>en-US</DefaultLocale>");
        localized(xml, 1, "DisplayName", Text.DISPLAY_NAME);
        localized(xml, 1, "Description", Text.DESCRIPTION);
        line(xml, 1, "<IconUrl DefaultValue=\"" + attribute(address("icon-64.png")) + "\"/>");
        line(xml, 1, "<HighResolutionIconUrl DefaultValue=\"" + attribute(address("icon-128.png")) + "\"/>");
        line(xml, 1, "<SupportUrl DefaultValue=\"" + attribute(base + "/") + "\"/>");
        line(xml, 1, "<AppDomains>");
        domains.forEach(domain -> line(xml, 2, "<AppDomain>" + text(domain) + "</AppDomain>"));
        line(xml, 1, "</AppDomains>");
        line(xml, 1, "<Hosts>");
        line(xml, 2, "<Host Name=\"Mailbox\"/>");
        line(xml, 1, "</Hosts>");
        line(xml, 1, "<Requirements>");
        line(xml, 2, "<Sets>");
        line(xml, 3, "<Set Name=\"Mailbox\" MinVersion=\"1.3\"/>");
        line(xml, 2, "</Sets>");
        line(xml, 1, "</Requirements>");
        // Read only by Outlook versions without add-in commands, which show this page instead of the button.
        line(xml, 1, "<FormSettings>");
        line(xml, 2, "<Form xsi:type=\"ItemEdit\">");
        line(xml, 3, "<DesktopSettings>");
        line(xml, 4, "<SourceLocation DefaultValue=\"" + attribute(address("taskpane.html")) + "\"/>");
        line(xml, 3, "</DesktopSettings>");
        line(xml, 2, "</Form>");
        line(xml, 1, "</FormSettings>");
        line(xml, 1, "<Permissions>ReadWriteItem</Permissions>");
        line(xml, 1, "<Rule xsi:type=\"RuleCollection\" Mode=\"Or\">");
        line(xml, 2, "<Rule xsi:type=\"ItemIs\" ItemType=\"Appointment\" FormType=\"Edit\"/>");
        line(xml, 1, "</Rule>");
        line(xml, 1, "<DisableEntityHighlighting>false</DisableEntityHighlighting>");
        versionOverrides(xml);
        xml.append("</OfficeApp>\n");
        return xml.toString();
    }

    private void versionOverrides(StringBuilder xml) {
        line(xml, 1, "<VersionOverrides xmlns=\"http://schemas.microsoft.com/office/mailappversionoverrides\" xsi:type=\"VersionOverridesV1_0\">");
        line(xml, 2, "<VersionOverrides xmlns=\"http://schemas.microsoft.com/office/mailappversionoverrides/1.1\" xsi:type=\"VersionOverridesV1_1\">");
        line(xml, 3, "<Description resid=\"residDescription\"/>");
        line(xml, 3, "<Requirements>");
        line(xml, 4, "<bt:Sets>");
        line(xml, 5, "<bt:Set Name=\"Mailbox\" MinVersion=\"1.3\"/>");
        line(xml, 4, "</bt:Sets>");
        line(xml, 3, "</Requirements>");
        line(xml, 3, "<Hosts>");
        line(xml, 4, "<Host xsi:type=\"MailHost\">");
        line(xml, 5, "<DesktopFormFactor>");
        line(xml, 6, "<FunctionFile resid=\"residFunctionFile\"/>");
        line(xml, 6, "<ExtensionPoint xsi:type=\"AppointmentOrganizerCommandSurface\">");
        line(xml, 7, "<OfficeTab id=\"TabDefault\">");
        line(xml, 8, "<Group id=\"vestibuleGroup\">");
        line(xml, 9, "<Label resid=\"residGroupLabel\"/>");
        line(xml, 9, "<Control xsi:type=\"Button\" id=\"vestibuleAddMeeting\">");
        line(xml, 10, "<Label resid=\"residButtonLabel\"/>");
        line(xml, 10, "<Supertip>");
        line(xml, 11, "<Title resid=\"residButtonLabel\"/>");
        line(xml, 11, "<Description resid=\"residButtonTip\"/>");
        line(xml, 10, "</Supertip>");
        desktopIcons(xml);
        action(xml, 10);
        line(xml, 9, "</Control>");
        // The organizer's own view of the event's room: its host PIN, which the invitation never holds.
        line(xml, 9, "<Control xsi:type=\"Button\" id=\"vestibuleShowRoom\">");
        line(xml, 10, "<Label resid=\"residRoomLabel\"/>");
        line(xml, 10, "<Supertip>");
        line(xml, 11, "<Title resid=\"residRoomLabel\"/>");
        line(xml, 11, "<Description resid=\"residRoomTip\"/>");
        line(xml, 10, "</Supertip>");
        desktopIcons(xml);
        line(xml, 10, "<Action xsi:type=\"ShowTaskpane\">");
        line(xml, 11, "<SourceLocation resid=\"residTaskpane\"/>");
        line(xml, 10, "</Action>");
        line(xml, 9, "</Control>");
        line(xml, 8, "</Group>");
        line(xml, 7, "</OfficeTab>");
        line(xml, 6, "</ExtensionPoint>");
        line(xml, 5, "</DesktopFormFactor>");
        line(xml, 5, "<MobileFormFactor>");
        line(xml, 6, "<FunctionFile resid=\"residFunctionFile\"/>");
        line(xml, 6, "<ExtensionPoint xsi:type=\"MobileOnlineMeetingCommandSurface\">");
        line(xml, 7, "<Control xsi:type=\"MobileButton\" id=\"vestibuleAddMeetingMobile\">");
        line(xml, 8, "<Label resid=\"residButtonLabel\"/>");
        line(xml, 8, "<Icon>");
        for (int size : List.of(25, 32, 48)) {
            for (int scale = 1; scale <= 3; scale++) {
                line(xml, 9, "<bt:Image size=\"" + size + "\" scale=\"" + scale + "\" resid=\"icon" + size + "\"/>");
            }
        }
        line(xml, 8, "</Icon>");
        action(xml, 8);
        line(xml, 7, "</Control>");
        line(xml, 6, "</ExtensionPoint>");
        line(xml, 5, "</MobileFormFactor>");
        line(xml, 4, "</Host>");
        line(xml, 3, "</Hosts>");
        line(xml, 3, "<Resources>");
        line(xml, 4, "<bt:Images>");
        for (int size : ICON_SIZES) {
            line(xml, 5, "<bt:Image id=\"icon" + size + "\" DefaultValue=\"" + attribute(address("icon-" + size + ".png")) + "\"/>");
        }
        line(xml, 4, "</bt:Images>");
        line(xml, 4, "<bt:Urls>");
        line(xml, 5, "<bt:Url id=\"residFunctionFile\" DefaultValue=\"" + attribute(address("commands.html")) + "\"/>");
        line(xml, 5, "<bt:Url id=\"residTaskpane\" DefaultValue=\"" + attribute(address("taskpane.html")) + "\"/>");
        line(xml, 4, "</bt:Urls>");
        line(xml, 4, "<bt:ShortStrings>");
        resource(xml, "residGroupLabel", Text.GROUP_LABEL);
        resource(xml, "residButtonLabel", Text.BUTTON_LABEL);
        resource(xml, "residRoomLabel", Text.ROOM_LABEL);
        line(xml, 4, "</bt:ShortStrings>");
        line(xml, 4, "<bt:LongStrings>");
        resource(xml, "residDescription", Text.DESCRIPTION);
        resource(xml, "residButtonTip", Text.BUTTON_TIP);
        resource(xml, "residRoomTip", Text.ROOM_TIP);
        line(xml, 4, "</bt:LongStrings>");
        line(xml, 3, "</Resources>");
        line(xml, 2, "</VersionOverrides>");
        line(xml, 1, "</VersionOverrides>");
    }

    private static void desktopIcons(StringBuilder xml) {
        line(xml, 10, "<Icon>");
        for (int size : List.of(16, 32, 80)) {
            line(xml, 11, "<bt:Image size=\"" + size + "\" resid=\"icon" + size + "\"/>");
        }
        line(xml, 10, "</Icon>");
    }

    private static void action(StringBuilder xml, int depth) {
        line(xml, depth, "<Action xsi:type=\"ExecuteFunction\">");
        line(xml, depth + 1, "<FunctionName>" + FUNCTION_NAME + "</FunctionName>");
        line(xml, depth, "</Action>");
    }

    private static void localized(StringBuilder xml, int depth, String element, Text text) {
        line(xml, depth, "<" + element + " DefaultValue=\"" + attribute(text.english) + "\">");
        line(xml, depth + 1, "<Override Locale=\"es-ES\" Value=\"" + attribute(text.spanish) + "\"/>");
        line(xml, depth + 1, "<Override Locale=\"fr-FR\" Value=\"" + attribute(text.french) + "\"/>");
        line(xml, depth, "</" + element + ">");
    }

    private static void resource(StringBuilder xml, String id, Text text) {
        line(xml, 5, "<bt:String id=\"" + id + "\" DefaultValue=\"" + attribute(text.english) + "\">");
        line(xml, 6, "<bt:Override Locale=\"es-ES\" Value=\"" + attribute(text.spanish) + "\"/>");
        line(xml, 6, "<bt:Override Locale=\"fr-FR\" Value=\"" + attribute(text.french) + "\"/>");
        line(xml, 5, "</bt:String>");
    }

    private static void line(StringBuilder xml, int depth, String content) {
        xml.append("  ".repeat(depth)).append(content).append('\n');
    }

    static String origin(URI address) {
        String scheme = address.getScheme().toLowerCase(Locale.ROOT);
        int port = address.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + address.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String attribute(String value) {
        return text(value).replace("\"", "&quot;");
    }

    /** What Outlook shows of the add-in, in the three languages of the product. */
    enum Text {
        DISPLAY_NAME("Vestibule meeting", "Reunión de Vestibule", "Réunion Vestibule"),
        DESCRIPTION("Adds a secure Vestibule meeting room to a calendar event: the join link, the guest PIN and how to join.",
                "Añade una sala de reunión segura de Vestibule a un evento del calendario: el enlace, el PIN de invitado y cómo unirse.",
                "Ajoute une salle de réunion Vestibule sécurisée à un événement du calendrier : le lien, le PIN invité et comment participer."),
        GROUP_LABEL("Vestibule", "Vestibule", "Vestibule"),
        BUTTON_LABEL("Add a Vestibule meeting", "Añadir reunión de Vestibule", "Ajouter une réunion Vestibule"),
        BUTTON_TIP("Creates or updates this event's Vestibule meeting room and puts its join details in the event.",
                "Crea o actualiza la sala de Vestibule de este evento y pone en él los datos para unirse.",
                "Crée ou met à jour la salle Vestibule de cet événement et y ajoute les informations pour participer."),
        ROOM_LABEL("Vestibule room and host PIN", "Sala y PIN de organizador", "Salle et PIN organisateur"),
        ROOM_TIP("Shows you this event's Vestibule room and its host PIN, which the invitation never holds.",
                "Le muestra la sala de Vestibule de este evento y su PIN de organizador, que la invitación nunca incluye.",
                "Vous montre la salle Vestibule de cet événement et son PIN organisateur, que l'invitation ne contient jamais.");

        final String english;
        final String spanish;
        final String french;

        Text(String english, String spanish, String french) {
            this.english = english;
            this.spanish = spanish;
            this.french = french;
        }
    }
}
