import Crypto
import CryptoExtras
import Foundation
import SwiftASN1
import X509

/// Signing certificates made in the tests, the way an identity provider's would be made.
public enum TestCertificates {
    public enum Key { case p256, rsa2048, rsa1024 }

    /// A self-signed certificate's DER bytes, valid from `from` to `until`.
    public static func make(_ commonName: String, key: Key = .p256, sha1: Bool = false,
                     from: Date = Date(timeIntervalSince1970: 1_700_000_000),
                     until: Date = Date(timeIntervalSince1970: 1_900_000_000)) throws -> [UInt8] {
        let name = try DistinguishedName {
            CommonName(commonName)
            OrganizationName("Test IdP")
        }
        let publicKey: Certificate.PublicKey, privateKey: Certificate.PrivateKey, algorithm: Certificate.SignatureAlgorithm
        switch key {
        case .p256:
            let signing = P256.Signing.PrivateKey()
            (publicKey, privateKey, algorithm) = (.init(signing.publicKey), .init(signing), .ecdsaWithSHA256)
        case .rsa2048, .rsa1024:
            let signing = key == .rsa2048 ? try _RSA.Signing.PrivateKey(keySize: .bits2048)
                                          : try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024))
            (publicKey, privateKey) = (.init(signing.publicKey), .init(signing))
            algorithm = sha1 ? .sha1WithRSAEncryption : .sha256WithRSAEncryption
        }
        let certificate = try Certificate(version: .v3, serialNumber: .init(), publicKey: publicKey, notValidBefore: from,
                                          notValidAfter: until, issuer: name, subject: name, signatureAlgorithm: algorithm,
                                          extensions: Certificate.Extensions(), issuerPrivateKey: privateKey)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// The certificate as a metadata file writes it: base64, broken into lines of `width`
    /// with `indent` before each (vendors differ), or on one line.
    public static func base64(_ der: [UInt8], width: Int? = nil, indent: String = "") -> String {
        let text = Data(der).base64EncodedString()
        guard let width else { return text }
        return stride(from: 0, to: text.count, by: width).map { offset -> String in
            let start = text.index(text.startIndex, offsetBy: offset)
            return indent + text[start..<(text.index(start, offsetBy: width, limitedBy: text.endIndex) ?? text.endIndex)]
        }.joined(separator: "\n")
    }

    /// An RSA SHA-256 certificate relabelled as signed with MD5 (the OID swapped in place):
    /// the signature no longer verifies, which does not matter to the check that refuses it.
    public static func md5Labelled(_ der: [UInt8]) -> [UInt8] {
        let sha256: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]
        var bytes = der
        var index = 0
        while index + sha256.count <= bytes.count {
            if Array(bytes[index..<index + sha256.count]) == sha256 { bytes[index + sha256.count - 1] = 0x04 }
            index += 1
        }
        return bytes
    }
}
