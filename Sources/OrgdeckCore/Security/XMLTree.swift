import Foundation

/// A small XML reader for identity-provider metadata: elements, attributes, text, comments,
/// CDATA and processing instructions, with namespace prefixes kept apart from local names.
/// Written for hostile input: a DOCTYPE or any entity declaration is refused before anything
/// is read, only the five predefined entities and character references are expanded (so no
/// entity can grow, nest or reach a file or the network), and depth and size are bounded.
public struct MarkupElement: Equatable, Sendable {
    /// The name without its namespace prefix (`EntityDescriptor` for `md:EntityDescriptor`).
    public var localName: String
    public var attributes: [String: String]
    public var children: [MarkupElement]
    /// The element's own text (character data between its children), entity references expanded.
    public var text: String

    /// An attribute by its local name (prefixes dropped: `use`, `Binding`).
    public func attribute(_ name: String) -> String? {
        if let value = attributes[name] { return value }
        // A prefixed one (`md:use`), never a namespace declaration; with several, none is trusted.
        let prefixed = attributes.filter { !$0.key.hasPrefix("xmlns") && $0.key.split(separator: ":").last.map(String.init) == name }
        return prefixed.count == 1 ? prefixed.first?.value : nil
    }

    /// The children with this local name.
    public func children(_ name: String) -> [MarkupElement] { children.filter { $0.localName == name } }

    /// Every descendant (not self) with this local name, in document order.
    public func descendants(_ name: String) -> [MarkupElement] {
        children.flatMap { ($0.localName == name ? [$0] : []) + $0.descendants(name) }
    }
}

/// Why a document cannot be read, with the line where it went wrong.
public struct XMLProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// Parses XML text into a tree of `MarkupElement`s.
public enum XMLTree {
    /// Larger metadata files than this are refused (real ones are well under 1 MiB).
    public static let maxBytes = 8 * 1024 * 1024
    static let maxDepth = 64

    /// The root element of `data` (UTF-8, a byte-order mark allowed; CRLF or LF).
    public static func parse(_ data: Data) throws -> MarkupElement {
        guard data.count <= maxBytes else { throw XMLProblem(line: 1, reason: "the file is over \(maxBytes / 1_048_576) MiB") }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw XMLProblem(line: 1, reason: "the file is not UTF-8 text")
        }
        var reader = Reader(Array(text.unicodeScalars))
        return try reader.document()
    }

    struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        func problem(_ reason: String) -> XMLProblem { XMLProblem(line: line, reason: reason) }
        var atEnd: Bool { index >= scalars.count }
        func peek(_ text: String) -> Bool {
            let wanted = Array(text.unicodeScalars)
            return index + wanted.count <= scalars.count && Array(scalars[index..<index + wanted.count]) == wanted
        }
        mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where index < scalars.count {
                if scalars[index] == "\n" { line += 1 }
                index += 1
            }
        }
        mutating func skipSpace() { while !atEnd, " \t\r\n".unicodeScalars.contains(scalars[index]) { advance() } }
        mutating func skip(past end: String, what: String) throws {
            while !atEnd, !peek(end) { advance() }
            guard !atEnd else { throw problem("\(what) is not closed") }
            advance(end.unicodeScalars.count)
        }

        /// Prolog, the root element, and nothing but comments or space after it.
        mutating func document() throws -> MarkupElement {
            var root: MarkupElement?
            while true {
                skipSpace()
                if atEnd { break }
                if peek("<!--") { try skip(past: "-->", what: "a comment"); continue }
                // <!DOCTYPE, <!ENTITY, in any case: refused before anything is expanded.
                if peek("<!") {
                    throw problem("a DOCTYPE or entity declaration is not accepted in metadata (it could expand entities)")
                }
                if peek("<?") { try skip(past: "?>", what: "a processing instruction"); continue }
                guard peek("<"), root == nil else { throw problem(root == nil ? "text before the root element" : "content after the root element") }
                root = try element(depth: 0)
            }
            guard let root else { throw problem("the file holds no XML element") }
            return root
        }

        mutating func name() throws -> String {
            var scalars = String.UnicodeScalarView()
            while !atEnd, !" \t\r\n/>=\"'<".unicodeScalars.contains(self.scalars[index]) {
                scalars.append(self.scalars[index]); advance()
            }
            guard !scalars.isEmpty else { throw problem("a name was expected") }
            return String(scalars)
        }

        mutating func element(depth: Int) throws -> MarkupElement {
            guard depth < XMLTree.maxDepth else { throw problem("elements nest deeper than \(XMLTree.maxDepth)") }
            advance()   // <
            let qualified = try name()
            var attributes: [String: String] = [:]
            while true {
                skipSpace()
                guard !atEnd else { throw problem("the tag <\(qualified)> is not closed") }
                if peek("/>") {
                    advance(2)
                    return MarkupElement(localName: Self.local(qualified), attributes: attributes, children: [], text: "")
                }
                if peek(">") { advance(); break }
                let key = try name()
                skipSpace()
                guard peek("=") else { throw problem("attribute \(key) has no value") }
                advance(); skipSpace()
                guard !atEnd, scalars[index] == "\"" || scalars[index] == "'" else { throw problem("attribute \(key) is not quoted") }
                let quote = scalars[index]
                advance()
                var raw = String.UnicodeScalarView()
                while !atEnd, scalars[index] != quote {
                    guard scalars[index] != "<" else { throw problem("'<' inside the value of \(key)") }
                    raw.append(scalars[index]); advance()
                }
                guard !atEnd else { throw problem("the value of \(key) is not closed") }
                advance()
                guard attributes[key] == nil else { throw problem("attribute \(key) is given twice") }
                attributes[key] = try expand(String(raw))
            }
            var children: [MarkupElement] = []
            var text = ""
            while true {
                guard !atEnd else { throw problem("<\(qualified)> is not closed") }
                if peek("</") {
                    advance(2)
                    let closing = try name()
                    skipSpace()
                    guard closing == qualified, peek(">") else { throw problem("</\(closing)> closes <\(qualified)>") }
                    advance()
                    return MarkupElement(localName: Self.local(qualified), attributes: attributes, children: children, text: text)
                }
                if peek("<!--") { try skip(past: "-->", what: "a comment"); continue }
                if peek("<![CDATA[") {
                    advance(9)
                    let start = index
                    try skip(past: "]]>", what: "a CDATA section")
                    text += String(String.UnicodeScalarView(scalars[start..<(index - 3)]))
                    continue
                }
                if peek("<!") { throw problem("a declaration is not accepted inside an element") }
                if peek("<?") { try skip(past: "?>", what: "a processing instruction"); continue }
                if peek("<") { children.append(try element(depth: depth + 1)); continue }
                var raw = String.UnicodeScalarView()
                while !atEnd, scalars[index] != "<" { raw.append(scalars[index]); advance() }
                text += try expand(String(raw))
            }
        }

        /// Characters XML 1.0 forbids (C0 controls but tab, LF and CR), written or referenced.
        static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r"
        }

        /// The five predefined entities and character references; any other is refused, and so
        /// is a character XML does not allow.
        func expand(_ raw: String) throws -> String {
            if let bad = raw.unicodeScalars.first(where: Self.forbidden) {
                throw problem("control character U+\(String(format: "%04X", bad.value)) is not allowed in XML")
            }
            guard raw.contains("&") else { return raw }
            var result = ""
            var rest = Substring(raw)
            while let amp = rest.firstIndex(of: "&") {
                result += rest[..<amp]
                guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 40 else {
                    throw problem("a lone '&' (write &amp;)")
                }
                let entity = rest[rest.index(after: amp)..<semi]
                switch entity {
                case "amp": result += "&"
                case "lt": result += "<"
                case "gt": result += ">"
                case "quot": result += "\""
                case "apos": result += "'"
                default:
                    let value: UInt32?
                    let digits = entity.hasPrefix("#x") ? entity.dropFirst(2) : entity.dropFirst()
                    if entity.hasPrefix("#x") { value = UInt32(digits, radix: 16) }
                    else if entity.hasPrefix("#") { value = UInt32(digits, radix: 10) }
                    else { throw problem("the entity &\(entity); is not defined (only XML's five and character references are)") }
                    guard digits.allSatisfy(\.isHexDigit), let value, let scalar = Unicode.Scalar(value), !Self.forbidden(scalar) else {
                        throw problem("&\(entity); is not a character XML allows")
                    }
                    result.unicodeScalars.append(scalar)
                }
                rest = rest[rest.index(after: semi)...]
            }
            return result + rest
        }

        static func local(_ qualified: String) -> String {
            qualified.split(separator: ":", maxSplits: 1).last.map(String.init) ?? qualified
        }
    }
}
