import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Keeps orgdeck's files private: a database and its `-wal`/`-shm` companions are 0600, its own
/// folders 0700. Files that already exist with wider modes are tightened, and the change is
/// reported once (the next start finds them private); what cannot be tightened is refused.
enum FileSecurity {
    /// Creates `path` and any missing parents with mode 0700. An existing folder is left as is.
    static func makePrivateFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw CoreError(.failure, "\(path) exists and is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw CoreError(.failure, "cannot create the folder \(path): \(error.localizedDescription)")
        }
    }

    /// Tightens the folder of the database at `path` when it is orgdeck's own (named `orgdeck`);
    /// refuses one that others may write to (they could replace the database). Returns one line
    /// per change made.
    static func secureFolder(of path: String) throws -> [String] {
        var notices: [String] = []
        let folder = (path as NSString).deletingLastPathComponent
        if let mode = self.mode(of: folder), mode & 0o077 != 0 {
            if (folder as NSString).lastPathComponent == "orgdeck" {
                try tighten(folder, from: mode, to: 0o700, what: "folder", into: &notices)
            } else if mode & 0o022 != 0 && mode & 0o1000 == 0 {
                throw CoreError(.failure, "others can write to \(folder) (mode \(octal(mode))) and could replace the "
                                    + "database: make the folder private (chmod 700) or use another one")
            }
        }
        return notices
    }

    /// Tightens the database at `path` and its `-wal` and `-shm` companions to 0600. Returns one
    /// line per change made; throws when a file others can read cannot be made private.
    static func secureFiles(of path: String) throws -> [String] {
        var notices: [String] = []
        for file in [path, path + "-wal", path + "-shm"] {
            guard let mode = self.mode(of: file), mode & 0o077 != 0 else { continue }
            try tighten(file, from: mode, to: 0o600, what: "file", into: &notices)
        }
        return notices
    }

    private static func tighten(_ path: String, from mode: mode_t, to target: mode_t, what: String,
                                into notices: inout [String]) throws {
        guard chmod(path, target) == 0 else {
            throw CoreError(.failure, "\(path) is open to other users (mode \(octal(mode))) and cannot be made private: "
                                + "\(String(cString: strerror(errno)))")
        }
        notices.append("made the \(what) \(path) private: mode \(octal(mode)) → \(octal(target))")
    }

    /// The permission bits (with setuid/setgid/sticky), nil when the path does not exist.
    static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o777, radix: 8) }
}
