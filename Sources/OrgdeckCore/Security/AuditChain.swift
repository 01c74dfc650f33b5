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
    /// `count` random bytes from the system generator, as hex (IDs that must not collide).
    static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return encode((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func encode<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of lower- or upper-case hexadecimal text, nil when it is not hexadecimal.
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
