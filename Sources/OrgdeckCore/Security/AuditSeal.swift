import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the audit log's seal key and its chain anchors are kept: outside the database file,
/// so that whoever can rewrite the file alone can neither forge a seal nor hide a truncation.
public struct AuditKeyLocation: Sendable, Equatable {
    /// The HMAC key (0600, created on first use).
    public var keyFile: String
    /// One small file per database recording the newest sealed entry (the anchor).
    public var anchorDirectory: String
    /// Seal with this key even where the log was sealed with another (`ORGDECK_AUDIT_NEW_KEY=1`):
    /// the deliberate way on when the log's key is lost. `audit verify` then reports where the
    /// key changed.
    public var adoptNewKey: Bool

    public init(keyFile: String, anchorDirectory: String, adoptNewKey: Bool = false) {
        self.keyFile = keyFile; self.anchorDirectory = anchorDirectory; self.adoptNewKey = adoptNewKey
    }
}

/// The newest sealed entry of one database, as recorded outside it.
struct AuditAnchor: Equatable, Sendable, Codable {
    var entryID: Int64
    var hash: String
    var seal: String
}

/// Seals audit entries with an HMAC key kept outside the database and anchors the chain head in
/// a file beside the key (DECISIONS.md, "Audit log anchored outside the database"). A seal covers
/// the database's identity, the entry's number and its chain hash, so an entry cannot be forged,
/// rewritten, renumbered or moved to another database without the key.
final class AuditSeal: @unchecked Sendable {
    private let location: AuditKeyLocation?
    private let lock = NSLock()
    /// Loaded lazily: the first frame never waits for the key file.
    private var loaded: (key: SymmetricKey, id: String)?
    private var loadFailed = false

    /// `nil` uses a random key kept in memory for the life of the process (shared by every
    /// store of the process, so two connections to one file agree), with no anchors: for
    /// in-memory databases, tests and benchmarks.
    init(location: AuditKeyLocation?) {
        self.location = location
    }

    private static let processKey = SymmetricKey(size: .bits256)

    /// The key file's path, or nil for an in-memory key.
    var keyFile: String? { location?.keyFile }

    /// The key and its ID, loading the file or creating it (0600 in a 0700 folder) on first use.
    /// Nil when it can neither be read nor created; the reason is logged once.
    func keyForSealing() -> (key: SymmetricKey, id: String)? {
        lock.withLock {
            if let loaded { return loaded }
            if loadFailed { return nil }
            do {
                let key: SymmetricKey
                if let location {
                    key = try Self.readKey(location.keyFile) ?? Self.createKey(location.keyFile)
                } else {
                    key = Self.processKey
                }
                loaded = (key, Self.identifier(of: key))
                return loaded
            } catch {
                loadFailed = true
                Log.error("audit entries are written unsealed: \(error)")
                return nil
            }
        }
    }

    /// The key to seal the next entry of a log whose newest seal was made with the key `chain`
    /// names (nil when no entry is sealed yet). Another key is refused rather than used, and a
    /// missing key file is not created: entries sealed with a key that is not the log's make the
    /// whole log fail verification for good, so the change is refused instead, saying how to
    /// point at the right key. Nil (unsealed) when the key cannot be read, as before.
    func keyForSealing(chain: String?) throws -> (key: SymmetricKey, id: String)? {
        guard let location, let chain, !location.adoptNewKey else { return keyForSealing() }
        let missing = lock.withLock { loaded == nil && !loadFailed } && !FileManager.default.fileExists(atPath: location.keyFile)
        if missing { throw Self.notTheLogsKey(chain: chain, location.keyFile, "there is no key file there") }
        guard let key = keyForSealing() else { return nil }
        if key.id != chain { throw Self.notTheLogsKey(chain: chain, location.keyFile, "the key there is \(key.id)") }
        return key
    }

    private static func notTheLogsKey(chain: String, _ keyFile: String, _ found: String) -> CoreError {
        CoreError(.failure, "nothing was changed: this database's audit log is sealed with key \(chain), and the audit key "
                  + "\(keyFile) is not it (\(found)). Point ORGDECK_AUDIT_KEY at the key file it was sealed with (`orgdeck info` "
                  + "shows the one in use); if that key is lost, ORGDECK_AUDIT_NEW_KEY=1 seals from now on with this one, "
                  + "and `audit verify` will report where the key changed")
    }

    /// The key for checking only: never creates the file. Throws when it exists but is unreadable.
    func keyForChecking() throws -> (key: SymmetricKey, id: String)? {
        if location == nil { return keyForSealing() }
        if let loaded = lock.withLock({ loaded }) { return loaded }
        guard let location, let key = try Self.readKey(location.keyFile) else { return nil }
        return (key, Self.identifier(of: key))
    }

    /// The seal of one entry: HMAC-SHA256 over the database identity, the entry number and its hash.
    static func seal(key: SymmetricKey, databaseID: String, entryID: Int64, hash: String) -> String {
        let message = "orgdeck-audit-seal\u{0}\(databaseID)\u{0}\(entryID)\u{0}\(hash)"
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key))
    }

    /// Compares two hex seals without an early exit.
    static func sealsMatch(_ a: String, _ b: String) -> Bool {
        PasswordHasher.constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }

    // MARK: Anchors

    /// The anchor file of one database, identified by its random ID and its path (a copy of the
    /// file elsewhere is another database with its own history from then on).
    func anchorPath(databaseID: String, databasePath: String) -> String? {
        guard let location else { return nil }
        let name = Hex.encode(SHA256.hash(data: Data("\(databaseID)\u{0}\(databasePath)".utf8))).prefix(32)
        return (location.anchorDirectory as NSString).appendingPathComponent(String(name))
    }

    /// The recorded anchor, nil when there is none yet.
    func anchor(at path: String) throws -> AuditAnchor? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try JSONDecoder().decode(AuditAnchor.self, from: data) } catch {
            throw CoreError(.failure, "the audit anchor \(path) is unreadable")
        }
    }

    /// Moves the anchor forward to `anchor` (never back: several processes write it, in any order).
    /// Called after the commit that wrote the entry; failing here loses no data, only freshness.
    func advance(_ anchor: AuditAnchor, at path: String) {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            try FileSecurity.makePrivateFolder(folder)
            let lockFD = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard lockFD >= 0 else { throw CoreError(.failure, "cannot open \(path).lock") }
            defer { close(lockFD) }
            flock(lockFD, LOCK_EX)
            defer { flock(lockFD, LOCK_UN) }
            if let current = try? self.anchor(at: path), current.entryID >= anchor.entryID { return }
            let data = try JSONEncoder().encode(anchor)
            let temporary = path + ".tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw CoreError(.failure, "cannot write \(temporary)")
            }
            guard rename(temporary, path) == 0 else { throw CoreError(.failure, "cannot replace \(path)") }
        } catch {
            Log.warning("could not advance the audit anchor: \(error)")
        }
    }

    // MARK: Key file

    private static func identifier(of key: SymmetricKey) -> String {
        String(key.withUnsafeBytes { Hex.encode(SHA256.hash(data: Data($0))) }.prefix(16))
    }

    /// The key in `path` (64 hex digits), nil when the file does not exist.
    private static func readKey(_ path: String) throws -> SymmetricKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoreError(.failure, "the audit key \(path) cannot be read (check its permissions)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text), bytes.count == 32 else {
            throw CoreError(.failure, "the audit key \(path) is not 64 hexadecimal digits")
        }
        return SymmetricKey(data: bytes)
    }

    /// Writes a new random key to a temporary file and links it into place, so two processes
    /// starting at once cannot both create one and none reads a half-written file: the loser of
    /// the race reads the winner's key.
    private static func createKey(_ path: String) throws -> SymmetricKey {
        try FileSecurity.makePrivateFolder((path as NSString).deletingLastPathComponent)
        let key = SymmetricKey(size: .bits256)
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CoreError(.failure, "cannot create the audit key \(path): \(String(cString: strerror(errno)))")
        }
        defer { unlink(temporary) }
        let bytes = Array((key.withUnsafeBytes { Hex.encode($0) } + "\n").utf8)
        let written = write(fd, bytes, bytes.count)
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0 else { throw CoreError(.failure, "cannot write the audit key \(path)") }
        if link(temporary, path) != 0 {
            if errno == EEXIST, let existing = try readKey(path) { return existing }
            throw CoreError(.failure, "cannot create the audit key \(path): \(String(cString: strerror(errno)))")
        }
        return key
    }
}
