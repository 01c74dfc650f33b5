import Foundation

/// One input read from a file, before it is stored: its content, its concepts and where it came from.
public struct InputCandidate: Equatable, Sendable {
    /// What the input holds.
    public enum Content: Equatable, Sendable {
        case text(String)
        case image(ImageHeader, Data)
    }

    public var content: Content
    /// Concept IDs from the file (a CSV's `concepts` column, a JSON line's `concepts`) plus those
    /// given for the whole upload.
    public var concepts: [String]
    public var path: String
    /// The line (CSV, JSON Lines) it came from; nil for a whole file.
    public var line: Int?
}

/// Something in an upload that was not taken, with where and why; the rest goes on.
public struct InputRefusal: Equatable, Sendable, Codable {
    public var path: String
    public var line: Int?
    public var reason: String

    public init(path: String, line: Int? = nil, reason: String) { self.path = path; self.line = line; self.reason = reason }

    /// `file:line`, or the file alone: how messages point at what was refused.
    public var place: String { line.map { "\(path):\($0)" } ?? path }
}

/// Reads uploads: a file or a folder (recursively, in name order, hidden entries skipped).
/// `.csv` is RFC 4180 with a header naming a `text` column and optionally `concepts` (several
/// separated by `;`); `.jsonl`/`.ndjson` holds one `{"text": …, "concepts": […]}` a line; PNG and
/// JPEG files are images (recognised by their bytes, whatever their name); any other file is one
/// text input and must be UTF-8 text. Whatever cannot be taken is refused with its file, line and
/// reason, and reading goes on.
public enum InputSource {
    /// The most text one input may hold (1 MiB): a longer line or file is refused, not cut.
    public static let maxTextBytes = 1 << 20
    /// The largest image taken (20 MiB).
    public static let maxImageBytes = 20 << 20

    /// Calls `take` for each input found under `path`, in order, and `refuse` for each refusal.
    /// `concepts` are added to every input. Throws only when `path` itself cannot be read, or
    /// when `take` throws (a cancelled upload).
    public static func read(_ path: String, concepts: [String] = [], take: (InputCandidate) throws -> Void,
                            refuse: (InputRefusal) -> Void) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CoreError.notFound("no file or folder at \(path)")
        }
        guard isFolder.boolValue else { return try readFile(path, concepts: concepts, take: take, refuse: refuse) }
        for file in try files(under: path) {
            try readFile(file, concepts: concepts, take: take, refuse: refuse)
        }
    }

    /// Every regular file under `folder`, sorted by path, skipping names that start with a dot.
    static func files(under folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: folder),
                                                          includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw CoreError(.failure, "cannot read the folder \(folder)")
        }
        var files: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append(url.path)
        }
        return files.sorted()
    }

    static func readFile(_ path: String, concepts: [String], take: (InputCandidate) throws -> Void,
                         refuse: (InputRefusal) -> Void) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            return refuse(InputRefusal(path: path, reason: "cannot be read: \(FileReason.reading(path, error))"))
        }
        if data.isEmpty { return refuse(InputRefusal(path: path, reason: "the file is empty")) }
        do {
            if let header = try ImageHeader.read(data) {
                guard data.count <= maxImageBytes else {
                    return refuse(InputRefusal(path: path, reason: "an image larger than 20 MiB (\(data.count) bytes)"))
                }
                return try take(InputCandidate(content: .image(header, Data(data)), concepts: concepts, path: path, line: nil))
            }
        } catch let error as CoreError {
            return refuse(InputRefusal(path: path, reason: error.message))
        }
        switch FileKind(path: path) {
        case .csv: try InputFormats.csv(data, path: path, concepts: concepts, take: take, refuse: refuse)
        case .jsonLines: try InputFormats.jsonLines(data, path: path, concepts: concepts, take: take, refuse: refuse)
        case .other:
            switch InputFormats.text(data) {
            case .success(let text): try take(InputCandidate(content: .text(text), concepts: concepts, path: path, line: nil))
            case .failure(let problem): refuse(InputRefusal(path: path, reason: problem.reason))
            }
        }
    }
}

extension InputSource {
    /// The texts of one file to predict on, in order: a CSV's `text` column, a JSON Lines
    /// file's `text` fields, or, for any other file, each non-empty line. Lines that cannot be
    /// read are refused with their number; the others still come.
    public static func texts(_ path: String, take: (_ line: Int?, _ text: String) throws -> Void,
                             refuse: (InputRefusal) -> Void) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw CoreError.notFound("no file at \(path)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw CoreError(.failure, "\(path) cannot be read: \(FileReason.reading(path, error))")
        }
        func candidate(_ input: InputCandidate) throws {
            if case .text(let text) = input.content { try take(input.line, text) }
        }
        switch FileKind(path: path) {
        case .csv: return try InputFormats.csv(data, path: path, concepts: [], take: candidate, refuse: refuse)
        case .jsonLines: return try InputFormats.jsonLines(data, path: path, concepts: [], take: candidate, refuse: refuse)
        case .other: break
        }
        let text: String
        switch InputFormats.text(data) {
        case .success(let value): text = value
        case .failure(let problem): return refuse(InputRefusal(path: path, reason: problem.reason))
        }
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let value = line.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { try take(index + 1, value) }
        }
    }
}

extension InputSource {
    /// Roughly how many inputs `paths` hold, quickly, for an upload's progress bar: the lines
    /// of CSV and JSON Lines files (less a CSV's header), one for any other file. Unreadable
    /// paths count nothing; the upload reports them.
    public static func estimatedCount(_ paths: [String]) -> Int {
        var total = 0
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            for file in isFolder.boolValue ? ((try? files(under: path)) ?? []) : [path] {
                let kind = FileKind(path: file)
                switch kind {
                case .csv, .jsonLines:
                    guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) else { continue }
                    var lines = data.withUnsafeBytes { raw in raw.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
                    if data.last != 0x0A, !data.isEmpty { lines += 1 }
                    total += max(0, lines - (kind == .csv ? 1 : 0))
                case .other: total += 1
                }
            }
        }
        return total
    }
}

/// How a file is read, by its name: a CSV, a JSON Lines file, or anything else (one input).
enum FileKind: Equatable {
    case csv, jsonLines, other

    init(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonLines
        default: self = .other
        }
    }
}
