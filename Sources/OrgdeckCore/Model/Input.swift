import Foundation

/// One piece of an app's data: a text or an image, with the concepts it is labelled with.
public struct Input: Equatable, Sendable {
    public enum Kind: String, Sendable, Equatable { case text, image }

    /// Short and stable: `in-` and the first 12 hex digits of the content's SHA-256.
    public var id: String
    public var kind: Kind
    /// The text (nil for an image).
    public var text: String?
    public var mediaType: String
    /// Bytes of the content.
    public var size: Int
    /// Pixel size of an image.
    public var width: Int?
    public var height: Int?
    public var sha256: String
    /// Where it was uploaded from: the file, and the line for CSV and JSON Lines.
    public var source: String
    /// Concept IDs, sorted.
    public var concepts: [String]
    public var createdAt: Date
}

/// A concept of an app, with how many inputs carry it.
public struct Concept: Equatable, Sendable {
    public var id: String
    public var name: String
    public var inputCount: Int
    public var createdAt: Date
}

/// Which inputs of an app to read: a search, a concept or only the unlabelled, one window.
public struct InputQuery: Equatable, Sendable {
    /// Full-text search (words, prefix matching on the last one); empty for all.
    public var search: String
    /// Only inputs carrying this concept.
    public var concept: String?
    /// Only inputs with no concept.
    public var unlabelled: Bool
    public var offset: Int
    public var limit: Int
    /// Count every match when the window does not reach the end; false leaves the total a lower
    /// bound (`Page.isExact` false), as a search typed key by key needs: counting every input
    /// that holds a common word costs more than the window.
    public var countTotal: Bool

    public init(search: String = "", concept: String? = nil, unlabelled: Bool = false, offset: Int = 0, limit: Int = 100,
                countTotal: Bool = true) {
        self.search = search; self.concept = concept; self.unlabelled = unlabelled; self.offset = offset; self.limit = limit
        self.countTotal = countTotal
    }
}

/// What an upload did.
public struct UploadReport: Equatable, Sendable {
    public var added: Int
    /// Inputs already in the app (same SHA-256), skipped.
    public var duplicates: Int
    public var refused: [InputRefusal]
    /// Whether it stopped early at the user's request; what was stored before stays.
    public var cancelled: Bool

    public init(added: Int, duplicates: Int, refused: [InputRefusal], cancelled: Bool) {
        self.added = added; self.duplicates = duplicates; self.refused = refused; self.cancelled = cancelled
    }
}

/// How far an upload has got, reported after each batch.
public struct UploadProgress: Equatable, Sendable {
    public var added: Int
    public var duplicates: Int
    public var refused: Int
    /// The file being read.
    public var path: String

    public init(added: Int, duplicates: Int, refused: Int, path: String) {
        self.added = added; self.duplicates = duplicates; self.refused = refused; self.path = path
    }
}
