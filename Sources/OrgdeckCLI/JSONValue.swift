import Foundation
import OrgdeckTerminal

/// A JSON document with ordered object keys, so machine output reads with `id` first
/// and stays byte-stable between runs (scripts diff it).
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A measured figure (a score, an accuracy); a value that is not finite is written as null.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered(pretty: false) == rhs.rendered(pretty: false)
    }

    static func date(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(Format.iso8601(date))
    }

    static func optional(_ string: String?) -> JSONValue {
        guard let string else { return .null }
        return .string(string)
    }

    /// Serialises the value; `pretty` indents by two spaces, otherwise one line.
    func rendered(pretty: Bool) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        let newline = pretty ? "\n" : ""
        let pad = { (level: Int) in pretty ? String(repeating: "  ", count: level) : "" }
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let value): JSONValue.writeString(value, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad(indent + 1)
                item.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (index == items.count - 1 ? "" : ",") + newline
            }
            out += pad(indent) + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (index, (key, value)) in fields.enumerated() {
                out += pad(indent + 1)
                JSONValue.writeString(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (index == fields.count - 1 ? "" : ",") + newline
            }
            out += pad(indent) + "}"
        }
    }

    /// Escapes every control character (C0, DEL, C1), the bidi controls and the line
    /// separators, so JSON printed to a terminal can never carry a live escape sequence or
    /// reorder what is shown.
    private static func writeString(_ string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let value = scalar.value
                if TextWidth.needsReplacement(scalar) {
                    out += String(format: "\\u%04x", value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
