import Crypto
import Foundation

/// The hash chain of the audit log: each entry's hash covers the previous entry's hash and
/// its own fields, so editing, removing or reordering any entry breaks every later link.
enum AuditChain {
    /// The "previous hash" of the first entry.
    static let genesisHash = String(repeating: "0", count: 64)

    /// SHA-256 (hex) over the previous hash and the canonical encoding of the entry.
    static func hash(of entry: AuditEntry) -> String {
        Hex.encode(SHA256.hash(data: Data(canonical(entry).utf8)))
    }

    /// Every field length-prefixed, so no choice of values can make two entries encode alike.
    /// Time is whole milliseconds: exact however the float is stored.
    static func canonical(_ entry: AuditEntry) -> String {
        let millis = Int64((entry.at.timeIntervalSince1970 * 1000).rounded())
        let fields: [String?] = [
            entry.previousHash, String(entry.id), String(millis), entry.actor, entry.organizationID,
            entry.action, entry.target, entry.details, entry.source.rawValue, entry.outcome,
        ]
        return fields.map { field in
            guard let field else { return "~;" }
            return "\(field.utf8.count):\(field);"
        }.joined()
    }
}

/// Lower-case hexadecimal, for hashes stored as text.
enum Hex {
    static func encode<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
