import Foundation

/// Identity-provider metadata in the shapes vendors publish, written here around certificates
/// made in the tests: prefixes or none, a BOM and CRLF, signatures and role descriptors to skip,
/// encryption keys to leave out, certificates on one line or wrapped and indented.
public enum VendorMetadata {
    public static let md = "urn:oasis:names:tc:SAML:2.0:metadata"
    public static let ds = "http://www.w3.org/2000/09/xmldsig#"
    public static let redirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
    public static let post = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"

    /// Okta: `md:` and `ds:` prefixes, POST listed before Redirect, the certificate on one line.
    public static func okta(_ cert: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor entityID="http://www.okta.com/exk1fcphpbVbXq7Mv5d7" \
        xmlns:md="\(md)"><md:IDPSSODescriptor WantAuthnRequestsSigned="false" \
        protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo \
        xmlns:ds="\(ds)"><ds:X509Data><ds:X509Certificate>\(cert)</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\
        </md:KeyDescriptor><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>\
        <md:SingleSignOnService Binding="\(post)" Location="https://acme.okta.com/app/acme_orgdeck_1/exk1fcphpbVbXq7Mv5d7/sso/saml"/>\
        <md:SingleSignOnService Binding="\(redirect)" Location="https://acme.okta.com/app/acme_orgdeck_1/exk1fcphpbVbXq7Mv5d7/sso/saml"/>\
        </md:IDPSSODescriptor></md:EntityDescriptor>
        """
    }

    /// Microsoft Entra ID: a byte-order mark, the default namespace, the document's own
    /// signature and a WS-Federation role first, two signing certificates (a rollover).
    public static func entra(_ first: String, _ second: String) -> Data {
        let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
        let xml = """
            <?xml version="1.0" encoding="utf-8"?><EntityDescriptor ID="_5c1d0e5a-3c7e-4e3a-8f0e-1b2c3d4e5f60" \
            entityID="https://sts.windows.net/\(tenant)/" xmlns="\(md)"><Signature xmlns="\(ds)"><SignedInfo>\
            <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#" /></SignedInfo><SignatureValue>AAAA</SignatureValue>\
            <KeyInfo><X509Data><X509Certificate>\(second)</X509Certificate></X509Data></KeyInfo></Signature>\
            <RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706">\
            <KeyDescriptor use="signing"><KeyInfo xmlns="\(ds)"><X509Data><X509Certificate>\(first)</X509Certificate></X509Data>\
            </KeyInfo></KeyDescriptor></RoleDescriptor><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\
            <KeyDescriptor use="signing"><KeyInfo xmlns="\(ds)"><X509Data><X509Certificate>\(first)</X509Certificate></X509Data></KeyInfo>\
            </KeyDescriptor><KeyDescriptor use="signing"><KeyInfo xmlns="\(ds)"><X509Data><X509Certificate>\(second)</X509Certificate>\
            </X509Data></KeyInfo></KeyDescriptor><SingleLogoutService Binding="\(redirect)" Location="https://login.microsoftonline.com/\(tenant)/saml2" />\
            <SingleSignOnService Binding="\(redirect)" Location="https://login.microsoftonline.com/\(tenant)/saml2" />\
            <SingleSignOnService Binding="\(post)" Location="https://login.microsoftonline.com/\(tenant)/saml2" /></IDPSSODescriptor></EntityDescriptor>
            """
        return Data([0xEF, 0xBB, 0xBF]) + Data(xml.utf8)
    }

    /// AD FS: CRLF line ends, an encryption key beside the signing one, an SP role too.
    public static func adfs(signing: String, encryption: String) -> Data {
        let lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<EntityDescriptor ID="_a1b2" entityID="http://adfs.acme.example/adfs/services/trust" xmlns="\#(md)">"#,
            #"  <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">"#,
            #"    <AssertionConsumerService Binding="\#(post)" Location="https://adfs.acme.example/adfs/ls/" index="0"/>"#,
            #"  </SPSSODescriptor>"#,
            #"  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">"#,
            #"    <KeyDescriptor use="encryption"><KeyInfo xmlns="\#(ds)"><X509Data><X509Certificate>\#(encryption)</X509Certificate></X509Data></KeyInfo></KeyDescriptor>"#,
            #"    <KeyDescriptor use="signing"><KeyInfo xmlns="\#(ds)"><X509Data><X509Certificate>\#(signing)</X509Certificate></X509Data></KeyInfo></KeyDescriptor>"#,
            #"    <NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat>"#,
            #"    <SingleSignOnService Binding="\#(redirect)" Location="https://adfs.acme.example/adfs/ls/"/>"#,
            #"    <SingleSignOnService Binding="\#(post)" Location="https://adfs.acme.example/adfs/ls/"/>"#,
            #"  </IDPSSODescriptor>"#,
            #"</EntityDescriptor>"#,
        ]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// Keycloak: an `EntitiesDescriptor` holding the realm's one entity; POST before Redirect.
    public static func keycloak(_ cert: String) -> String {
        """
        <md:EntitiesDescriptor Name="urn:keycloak" xmlns:md="\(md)" xmlns="\(md)" xmlns:ds="\(ds)">
        	<md:EntityDescriptor entityID="https://sso.acme.example/realms/acme">
        		<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
        			<md:KeyDescriptor use="signing">
        				<ds:KeyInfo>
        					<ds:KeyName>hPkR4QmS5P3rH6f0x8Jm9YbQ2WvX1uZa</ds:KeyName>
        					<ds:X509Data>
        						<ds:X509Certificate>\(cert)</ds:X509Certificate>
        					</ds:X509Data>
        				</ds:KeyInfo>
        			</md:KeyDescriptor>
        			<md:SingleSignOnService Binding="\(post)" Location="https://sso.acme.example/realms/acme/protocol/saml"/>
        			<md:SingleSignOnService Binding="\(redirect)" Location="https://sso.acme.example/realms/acme/protocol/saml"/>
        			<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://sso.acme.example/realms/acme/protocol/saml"/>
        		</md:IDPSSODescriptor>
        	</md:EntityDescriptor>
        </md:EntitiesDescriptor>
        """
    }

    /// Google Workspace: `standalone="no"`, the certificate wrapped at 76 columns.
    public static func google(wrapped: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <md:EntityDescriptor xmlns:md="\(md)" entityID="https://accounts.google.com/o/saml2?idpid=C01abcd2e" validUntil="2031-11-30T12:00:00.000Z">
          <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing">
              <ds:KeyInfo xmlns:ds="\(ds)">
                <ds:X509Data>
                  <ds:X509Certificate>\(wrapped)</ds:X509Certificate>
                </ds:X509Data>
              </ds:KeyInfo>
            </md:KeyDescriptor>
            <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
            <md:SingleSignOnService Binding="\(redirect)" Location="https://accounts.google.com/o/saml2/idp?idpid=C01abcd2e"/>
            <md:SingleSignOnService Binding="\(post)" Location="https://accounts.google.com/o/saml2/idp?idpid=C01abcd2e"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """
    }

    /// Shibboleth: extensions in other namespaces, `KeyDescriptor` without `use` (signing),
    /// indented certificate lines, an `&amp;` in a URL, and the organization's display name.
    public static func shibboleth(_ first: String, _ second: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Shibboleth IdP metadata, as /idp/shibboleth serves it -->
        <EntityDescriptor xmlns="\(md)" xmlns:ds="\(ds)" xmlns:shibmd="urn:mace:shibboleth:metadata:1.0"
            xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" entityID="https://idp.uni.example/idp/shibboleth">
            <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol urn:mace:shibboleth:1.0">
                <Extensions>
                    <shibmd:Scope regexp="false">uni.example</shibmd:Scope>
                    <mdui:UIInfo><mdui:DisplayName xml:lang="en">Example University</mdui:DisplayName></mdui:UIInfo>
                </Extensions>
                <KeyDescriptor>
                    <ds:KeyInfo>
                        <ds:X509Data>
                            <ds:X509Certificate>
        \(first)
                            </ds:X509Certificate>
                        </ds:X509Data>
                    </ds:KeyInfo>
                </KeyDescriptor>
                <KeyDescriptor>
                    <ds:KeyInfo><ds:X509Data><ds:X509Certificate>\(second)</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
                </KeyDescriptor>
                <SingleSignOnService Binding="urn:mace:shibboleth:1.0:profiles:AuthnRequest" Location="https://idp.uni.example/idp/profile/Shibboleth/SSO"/>
                <SingleSignOnService Binding="\(post)" Location="https://idp.uni.example/idp/profile/SAML2/POST/SSO"/>
                <SingleSignOnService Binding="\(redirect)" Location="https://idp.uni.example/idp/profile/SAML2/Redirect/SSO?x=1&amp;y=2"/>
            </IDPSSODescriptor>
            <Organization>
                <OrganizationName xml:lang="en">uni</OrganizationName>
                <OrganizationDisplayName xml:lang="en">Example University</OrganizationDisplayName>
                <OrganizationURL xml:lang="en">https://www.uni.example/</OrganizationURL>
            </Organization>
        </EntityDescriptor>
        """
    }

    /// A federation's aggregate: three identity providers and a service provider.
    public static func federation(_ cert: String) -> String {
        let idps = ["https://idp.one.example/idp", "https://idp.two.example/idp", "https://idp.three.example/idp"].map { id in
            """
              <md:EntityDescriptor entityID="\(id)"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\(cert)</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                <md:SingleSignOnService Binding="\(redirect)" Location="\(id)/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>
            """
        }
        return """
            <md:EntitiesDescriptor xmlns:md="\(md)" xmlns:ds="\(ds)" Name="https://federation.example">
            \(idps.joined(separator: "\n"))
              <md:EntityDescriptor entityID="https://sp.example/shibboleth"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <md:AssertionConsumerService Binding="\(post)" Location="https://sp.example/acs" index="1"/></md:SPSSODescriptor></md:EntityDescriptor>
            </md:EntitiesDescriptor>
            """
    }

    /// One entity with an SSO endpoint `location` over `binding` and the given certificates.
    public static func plain(certificates: [String], location: String = "https://idp.plain.example/sso", binding: String = redirect) -> String {
        let keys = certificates.map {
            "<KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\($0)</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>"
        }.joined()
        return """
            <EntityDescriptor xmlns="\(md)" xmlns:ds="\(ds)" entityID="https://idp.plain.example"><IDPSSODescriptor \
            protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\(keys)<SingleSignOnService Binding="\(binding)" \
            Location="\(location)"/></IDPSSODescriptor></EntityDescriptor>
            """
    }
}
