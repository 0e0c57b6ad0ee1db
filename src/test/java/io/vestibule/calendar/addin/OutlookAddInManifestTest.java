package io.vestibule.calendar.addin;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The add-in's manifest, element by element. No copy of Microsoft's manifest XML schema can be had on this machine
 * (the npm packages office-addin-manifest 3.0.0 and @microsoft/office-js 1.1.110 ship none, and the former validates
 * through a Microsoft web service), so this is a structural test of every element the schema and the online-meeting
 * provider scenario require, in the schema's order, read with namespaces as Office reads them.
 */
class OutlookAddInManifestTest {
    private static final String APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static final String OVERRIDES = "http://schemas.microsoft.com/office/mailappversionoverrides";
    private static final String OVERRIDES_1_1 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    private static final String BASIC_TYPES = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final UUID ID = UUID.fromString("0d7b4c5e-88b1-4f4e-a7b6-3c2d1e0f9a8b");

    private final OutlookAddInManifest manifest = new OutlookAddInManifest(URI.create("https://meet.example.org/"),
            Optional.of(URI.create("https://sso.example.org:8443/realms/vestibule")), ID);
    private final Document document = parse(manifest.xml());
    private final XPath xpath = xpath();

    @Test
    void theTopLevelElementsAreThoseOfAMailAppInTheSchemasOrder() {
        Element root = document.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(APP);
        assertThat(root.getLocalName()).isEqualTo("OfficeApp");
        assertThat(root.getAttributeNS(XSI, "type")).isEqualTo("MailApp");
        assertThat(childNames(root)).containsExactly("Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description",
                "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "FormSettings",
                "Permissions", "Rule", "DisableEntityHighlighting", "VersionOverrides");
        assertThat(text("/a:OfficeApp/a:Id")).isEqualTo(ID.toString());
        assertThat(text("/a:OfficeApp/a:Version")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(text("/a:OfficeApp/a:DefaultLocale")).isEqualTo("en-US");
        assertThat(text("/a:OfficeApp/a:Hosts/a:Host/@Name")).isEqualTo("Mailbox");
        assertThat(text("/a:OfficeApp/a:Requirements/a:Sets/a:Set[@Name='Mailbox']/@MinVersion")).isEqualTo("1.3");
        assertThat(text("/a:OfficeApp/a:Permissions")).isEqualTo("ReadWriteItem");
        assertThat(text("/a:OfficeApp/a:Rule/a:Rule/@ItemType")).isEqualTo("Appointment");
        assertThat(text("/a:OfficeApp/a:Rule/a:Rule/@FormType")).isEqualTo("Edit");
        assertThat(text("/a:OfficeApp/a:FormSettings/a:Form/a:DesktopSettings/a:SourceLocation/@DefaultValue"))
                .isEqualTo("https://meet.example.org/addin/taskpane.html");
    }

    @Test
    void everyAddressIsTheConfiguredPublicAddressOverHttps() {
        assertThat(text("/a:OfficeApp/a:IconUrl/@DefaultValue")).isEqualTo("https://meet.example.org/addin/icon-64.png");
        assertThat(text("/a:OfficeApp/a:HighResolutionIconUrl/@DefaultValue")).isEqualTo("https://meet.example.org/addin/icon-128.png");
        assertThat(text("/a:OfficeApp/a:SupportUrl/@DefaultValue")).isEqualTo("https://meet.example.org/");
        NodeList addresses = nodes("//@DefaultValue[starts-with(., 'http')]");
        assertThat(addresses.getLength()).isGreaterThan(8);
        for (int i = 0; i < addresses.getLength(); i++) {
            assertThat(addresses.item(i).getNodeValue()).startsWith("https://meet.example.org/");
        }
    }

    @Test
    void theAppDomainsAreThisServiceAndTheIdentityProvider() {
        assertThat(texts("/a:OfficeApp/a:AppDomains/a:AppDomain")).containsExactly("https://meet.example.org", "https://sso.example.org:8443");
        OutlookAddInManifest withoutSso = new OutlookAddInManifest(URI.create("https://meet.example.org:8443"), Optional.empty(), ID);
        assertThat(withoutSso.xml()).contains("<AppDomain>https://meet.example.org:8443</AppDomain>").doesNotContain("sso.example.org");
    }

    @Test
    void theOrganizersCommandSurfaceRunsTheFunctionOnTheDesktop() {
        String desktop = "/a:OfficeApp/o:VersionOverrides[@xsi:type='VersionOverridesV1_0']/p:VersionOverrides[@xsi:type='VersionOverridesV1_1']"
                + "/p:Hosts/p:Host[@xsi:type='MailHost']/p:DesktopFormFactor";
        assertThat(text("/a:OfficeApp/o:VersionOverrides/p:VersionOverrides/p:Requirements/bt:Sets/bt:Set[@Name='Mailbox']/@MinVersion")).isEqualTo("1.3");
        assertThat(text(desktop + "/p:FunctionFile/@resid")).isEqualTo("residFunctionFile");
        String control = desktop + "/p:ExtensionPoint[@xsi:type='AppointmentOrganizerCommandSurface']/p:OfficeTab[@id='TabDefault']/p:Group"
                + "/p:Control[@xsi:type='Button'][@id='vestibuleAddMeeting']";
        assertThat(text(control + "/p:Action[@xsi:type='ExecuteFunction']/p:FunctionName")).isEqualTo("addVestibuleMeeting");
        assertThat(texts(control + "/p:Icon/bt:Image/@size")).containsExactly("16", "32", "80");
        assertThat(text(control + "/p:Supertip/p:Title/@resid")).isNotBlank();
        assertThat(text(control + "/p:Supertip/p:Description/@resid")).isNotBlank();
        assertThat(text("//p:Resources/bt:Urls/bt:Url[@id='residFunctionFile']/@DefaultValue")).isEqualTo("https://meet.example.org/addin/commands.html");
    }

    @Test
    void aSecondButtonOpensTheTaskPaneWhereTheOrganizerReadsTheHostPin() {
        String control = "//p:DesktopFormFactor/p:ExtensionPoint[@xsi:type='AppointmentOrganizerCommandSurface']//p:Control[@id='vestibuleShowRoom']";
        String resid = text(control + "/p:Action[@xsi:type='ShowTaskpane']/p:SourceLocation/@resid");
        assertThat(text("//p:Resources/bt:Urls/bt:Url[@id='" + resid + "']/@DefaultValue")).isEqualTo("https://meet.example.org/addin/taskpane.html");
        assertThat(texts(control + "/p:Icon/bt:Image/@size")).containsExactly("16", "32", "80");
    }

    @Test
    void theOnlineMeetingSurfaceRunsTheSameFunctionOnMobile() {
        String mobile = "/a:OfficeApp/o:VersionOverrides/p:VersionOverrides/p:Hosts/p:Host/p:MobileFormFactor";
        assertThat(text(mobile + "/p:FunctionFile/@resid")).isEqualTo("residFunctionFile");
        String control = mobile + "/p:ExtensionPoint[@xsi:type='MobileOnlineMeetingCommandSurface']/p:Control[@xsi:type='MobileButton']";
        assertThat(text(control + "/p:Action[@xsi:type='ExecuteFunction']/p:FunctionName")).isEqualTo("addVestibuleMeeting");
        // Outlook on mobile wants each of its three sizes at each of its three scales.
        List<String> images = texts(control + "/p:Icon/bt:Image/concat(@size, 'x', @scale)");
        assertThat(images).containsExactlyInAnyOrder("25x1", "25x2", "25x3", "32x1", "32x2", "32x3", "48x1", "48x2", "48x3");
    }

    @Test
    void everyResourceIdUsedIsDefinedAndEveryIconIsServed() throws Exception {
        NodeList used = nodes("//@resid");
        List<String> defined = texts("//p:Resources/*/*/@id");
        for (int i = 0; i < used.getLength(); i++) {
            assertThat(defined).as("resource ids").contains(used.item(i).getNodeValue());
        }
        for (String icon : texts("//p:Resources/bt:Images/bt:Image/@DefaultValue")) {
            String file = icon.substring(icon.lastIndexOf('/') + 1);
            Path png = Path.of("webapp/addin").resolve(file);
            assertThat(png).exists();
            byte[] bytes = Files.readAllBytes(png);
            int width = ((bytes[16] & 0xff) << 24) | ((bytes[17] & 0xff) << 16) | ((bytes[18] & 0xff) << 8) | (bytes[19] & 0xff);
            assertThat("icon-" + width + ".png").as("the PNG's width matches its name").isEqualTo(file);
        }
        for (String page : List.of("commands.html", "taskpane.html")) {
            assertThat(Path.of("webapp/addin").resolve(page)).exists();
        }
    }

    @Test
    void stringsFitOfficesLimitsAndHaveSpanishAndFrench() {
        for (String value : texts("//p:Resources/bt:ShortStrings/bt:String/@DefaultValue | //p:Resources/bt:ShortStrings//bt:Override/@Value")) {
            assertThat(value.length()).as(value).isLessThanOrEqualTo(125);
        }
        for (String value : texts("//p:Resources/bt:LongStrings/bt:String/@DefaultValue | //p:Resources/bt:LongStrings//bt:Override/@Value")) {
            assertThat(value.length()).as(value).isLessThanOrEqualTo(250);
        }
        assertThat(texts("/a:OfficeApp/a:DisplayName/a:Override/@Locale")).containsExactly("es-ES", "fr-FR");
        assertThat(texts("//p:Resources//bt:String[@id='residButtonLabel']/bt:Override/@Locale")).containsExactly("es-ES", "fr-FR");
    }

    @Test
    void aPublicAddressWithMarkupIsEscapedAndPlainHttpIsRefused() {
        OutlookAddInManifest odd = new OutlookAddInManifest(URI.create("https://meet.example.org/a%22b?x=1&y=2"), Optional.empty(), ID);
        assertThat(parse(odd.xml()).getDocumentElement().getLocalName()).isEqualTo("OfficeApp");
        assertThatThrownBy(() -> new OutlookAddInManifest(URI.create("http://meet.example.org"), Optional.empty(), ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VESTIBULE_PUBLIC_URL");
    }

    private static List<String> childNames(Element element) {
        List<String> names = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                names.add(child.getLocalName());
            }
        }
        return names;
    }

    private String text(String expression) {
        try {
            Node node = (Node) xpath.evaluate(expression, document, XPathConstants.NODE);
            assertThat(node).as(expression).isNotNull();
            return node.getTextContent().strip();
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }

    private List<String> texts(String expression) {
        if (expression.contains("concat(")) {
            NodeList images = nodes(expression.substring(0, expression.lastIndexOf("/concat(")));
            List<String> values = new ArrayList<>();
            for (int i = 0; i < images.getLength(); i++) {
                Element image = (Element) images.item(i);
                values.add(image.getAttribute("size") + "x" + image.getAttribute("scale"));
            }
            return values;
        }
        NodeList list = nodes(expression);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            values.add(list.item(i).getTextContent().strip());
        }
        return values;
    }

    private NodeList nodes(String expression) {
        try {
            return (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("The manifest is not well-formed XML:\n" + xml, e);
        }
    }

    private static XPath xpath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return switch (prefix) {
                    case "a" -> APP;
                    case "o" -> OVERRIDES;
                    case "p" -> OVERRIDES_1_1;
                    case "bt" -> BASIC_TYPES;
                    case "xsi" -> XSI;
                    default -> XMLConstants.NULL_NS_URI;
                };
            }

            @Override
            public String getPrefix(String namespaceUri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String namespaceUri) {
                return null;
            }
        });
        return xpath;
    }
}
