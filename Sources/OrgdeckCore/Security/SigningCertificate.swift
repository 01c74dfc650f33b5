import Crypto
import Foundation
import SwiftASN1
import X509

/// What is shown of an identity provider's signing certificate.
public struct CertificateInfo: Equatable, Sendable {
    public var subject: String
    public var issuer: String
    public var notBefore: Date
    public var notAfter: Date
    /// "RSA 2048", "ECDSA P-256", "Ed25519".
    public var key: String
    /// "sha256WithRSAEncryption", "ecdsaWithSHA256", …
    public var signatureAlgorithm: String
    /// SHA-256 of the DER bytes, upper-case hex in pairs: `AB:CD:…`.
    public var sha256Fingerprint: String
    /// The certificate as PEM, as stored.
    public var pem: String
}

/// Reads and judges a signing certificate the way a careful security engineer would: parsed
/// with swift-certificates; refused when expired, not yet valid, signed with SHA-1 or MD5, or
/// holding an RSA key under 2048 bits; warned when it expires within 30 days.
public enum SigningCertificate {
    public enum Verdict: Equatable, Sendable {
        case usable(CertificateInfo, warning: String?)
        case refused(String)
    }

    public static let warningDays = 30

    /// The DER bytes of a PEM block, or of bare base64 (whitespace and line breaks anywhere).
    public static func der(fromText text: String) -> [UInt8]? {
        var body = text
        if let begin = text.range(of: "-----BEGIN CERTIFICATE-----"),
           let end = text.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<text.endIndex) {
            body = String(text[begin.upperBound..<end.lowerBound])
        }
        let compact = body.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }
        guard !compact.isEmpty, let data = Data(base64Encoded: String(String.UnicodeScalarView(compact))) else { return nil }
        return [UInt8](data)
    }

    /// Every PEM certificate block in `text` (a file may hold several), as DER.
    public static func pemBlocks(_ text: String) -> [[UInt8]] {
        var blocks: [[UInt8]] = []
        var rest = Substring(text)
        while let begin = rest.range(of: "-----BEGIN CERTIFICATE-----"),
              let end = rest.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<rest.endIndex) {
            if let der = der(fromText: String(rest[begin.lowerBound..<end.upperBound])) { blocks.append(der) }
            rest = rest[end.upperBound...]
        }
        return blocks
    }

    /// The certificates a PEM text holds, or the text itself read as one bare base64
    /// certificate (empty bytes, refused when inspected, when it is neither).
    public static func certificates(inPEM text: String) -> [[UInt8]] {
        let blocks = pemBlocks(text)
        return blocks.isEmpty ? [der(fromText: text) ?? []] : blocks
    }

    /// "the signing certificate" when there is one, else "signing certificate 2".
    public static func label(_ index: Int, of count: Int) -> String {
        count == 1 ? "the signing certificate" : "signing certificate \(index + 1)"
    }

    public static func inspect(der: [UInt8], at now: Date) -> Verdict {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            // swift-crypto will not load an RSA key under 2048 bits, nor swift-certificates an MD5
            // signature: name those instead of a parse error.
            if let bits = rsaModulusBits(der), bits < 2048 { return .refused("an RSA key of \(bits) bits (at least 2048 are needed)") }
            if let oid = signatureOID(der), let name = brokenDigests[oid] {
                return .refused("signed with \(name.hasPrefix("md") ? "MD5" : "SHA-1"), which is broken (\(name))")
            }
            // The parser's own error names its source file and line: no help to the user.
            return .refused("not an X.509 certificate (a PEM block or base64 DER was expected)")
        }
        let algorithm = algorithmName(certificate.signatureAlgorithm)
        if algorithm == "sha1WithRSAEncryption" { return .refused("signed with SHA-1, which is broken (sha1WithRSAEncryption)") }
        if algorithm.hasPrefix("md5") || algorithm.hasPrefix("md2") { return .refused("signed with MD5, which is broken (\(algorithm))") }
        guard Self.acceptedAlgorithms.contains(algorithm) else { return .refused("signed with an unsupported algorithm (\(algorithm))") }
        guard certificate.notValidAfter > now else { return .refused("expired on \(certificate.notValidAfter.utcDay)") }
        guard certificate.notValidBefore <= now else { return .refused("not valid until \(certificate.notValidBefore.utcDay)") }
        let key = keyName(certificate.publicKey)
        if key.hasPrefix("RSA "), let bits = Int(key.dropFirst(4)), bits < 2048 {
            return .refused("an RSA key of \(bits) bits (at least 2048 are needed)")
        }
        let info = CertificateInfo(
            subject: String(describing: certificate.subject), issuer: String(describing: certificate.issuer),
            notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter, key: key, signatureAlgorithm: algorithm,
            sha256Fingerprint: SHA256.hash(data: der).map { Hex.encode([$0]).uppercased() }.joined(separator: ":"),
            pem: PEMDocument(type: "CERTIFICATE", derBytes: der).pemString)
        let days = Int(certificate.notValidAfter.timeIntervalSince(now) / 86_400)
        let warning = days < warningDays ? "expires in \(days) day\(days == 1 ? "" : "s") (\(certificate.notValidAfter.utcDay))" : nil
        return .usable(info, warning: warning)
    }

    /// "sha256WithRSAEncryption" from "SignatureAlgorithm.sha256WithRSAEncryption"; the OID's
    /// name for MD5 and MD2, which swift-certificates leaves as a bare identifier.
    static func algorithmName(_ algorithm: Certificate.SignatureAlgorithm) -> String {
        let text = String(describing: algorithm)
        if text.contains("1.2.840.113549.1.1.4") { return "md5WithRSAEncryption" }
        if text.contains("1.2.840.113549.1.1.2") { return "md2WithRSAEncryption" }
        if text.hasPrefix("SignatureAlgorithm."), !text.contains("(") { return String(text.dropFirst("SignatureAlgorithm.".count)) }
        return text
    }

    static func keyName(_ key: Certificate.PublicKey) -> String {
        let text = String(describing: key)   // "RSA2048.PublicKey", "P256.PublicKey", "Ed25519.PublicKey"
        if text.hasPrefix("RSA"), let bits = Int(text.dropFirst(3).prefix { $0.isNumber }) { return "RSA \(bits)" }
        for (prefix, name) in [("P256", "ECDSA P-256"), ("P384", "ECDSA P-384"), ("P521", "ECDSA P-521"), ("Ed25519", "Ed25519")]
        where text.hasPrefix(prefix) { return name }
        return text
    }

    /// The bit length of an RSA certificate's modulus, read from the DER structure itself
    /// (Certificate → TBSCertificate → SubjectPublicKeyInfo → RSAPublicKey); nil for other keys.
    static func rsaModulusBits(_ der: [UInt8]) -> Int? {
        let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
        guard let certificate = try? DER.parse(der), let tbs = children(certificate).first else { return nil }
        let fields = children(tbs)
        let hasVersion = fields.first.map { $0.identifier.tagClass == .contextSpecific } ?? false
        let spkiIndex = hasVersion ? 6 : 5
        guard fields.count > spkiIndex else { return nil }
        let spki = children(fields[spkiIndex])
        guard spki.count == 2, let oid = children(spki[0]).first, primitive(oid).map(Array.init) == rsaEncryption,
              let bitString = primitive(spki[1]), bitString.count > 1,
              let key = try? DER.parse(Array(bitString.dropFirst())), let modulus = children(key).first.flatMap(primitive) else {
            return nil
        }
        let digits = modulus.drop { $0 == 0 }
        guard let first = digits.first else { return 0 }
        return (digits.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }

    /// The signature algorithms a signing certificate may use.
    static let acceptedAlgorithms: Set<String> = [
        "sha256WithRSAEncryption", "sha384WithRSAEncryption", "sha512WithRSAEncryption",
        "ecdsaWithSHA256", "ecdsaWithSHA384", "ecdsaWithSHA512", "ed25519",
    ]

    /// The DER content of broken signature OIDs that swift-certificates cannot load: MD2 and MD5
    /// with RSA (1.2.840.113549.1.1.2, .4), ECDSA and DSA with SHA-1 (1.2.840.10045.4.1,
    /// 1.2.840.10040.4.3).
    static let brokenDigests: [[UInt8]: String] = [
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x02]: "md2WithRSAEncryption",
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x04]: "md5WithRSAEncryption",
        [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01]: "ecdsaWithSHA1",
        [0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x03]: "dsaWithSHA1",
    ]

    /// The OID (DER content) of the certificate's outer signature algorithm.
    static func signatureOID(_ der: [UInt8]) -> [UInt8]? {
        guard let certificate = try? DER.parse(der) else { return nil }
        let parts = children(certificate)
        guard parts.count == 3, let oid = children(parts[1]).first else { return nil }
        return primitive(oid).map(Array.init)
    }

    private static func children(_ node: ASN1Node) -> [ASN1Node] {
        if case .constructed(let nodes) = node.content { return Array(nodes) }
        return []
    }

    private static func primitive(_ node: ASN1Node) -> ArraySlice<UInt8>? {
        if case .primitive(let bytes) = node.content { return bytes }
        return nil
    }
}
