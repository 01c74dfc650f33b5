import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be read or written, in words a user can act on.
///
/// Foundation on Linux reports most file errors as "The operation could not be completed.
/// (NSCocoaErrorDomain error 256.)" — a folder given where a file was expected, an empty path,
/// a full disk all read the same. The reason is asked of the file system itself once the
/// operation has failed.
public enum FileReason {
    /// Why reading the file at `path` failed with `error`.
    public static func reading(_ path: String, _ error: Error) -> String {
        if path.isEmpty { return "no file given" }
        var info = stat()
        guard stat(path, &info) == 0 else { return systemReason(errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return "it is a folder, not a file" }
        if access(path, R_OK) != 0 { return systemReason(errno) }
        return fallback(error)
    }

    /// Why writing the file at `path` failed with `error`.
    public static func writing(_ path: String, _ error: Error) -> String {
        if path.isEmpty { return "no file given" }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return "it is a folder, not a file" }
        let folder = (path as NSString).deletingLastPathComponent
        let parent = folder.isEmpty ? "." : folder
        guard stat(parent, &info) == 0 else { return "the folder \(Validation.visible(parent)) does not exist" }
        if (info.st_mode & S_IFMT) != S_IFDIR { return "\(Validation.visible(parent)) is not a folder" }
        if access(parent, W_OK) != 0 { return "the folder \(Validation.visible(parent)) is not writable (\(systemReason(errno)))" }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return systemReason(Int32(underlying.code))
        }
        return fallback(error)
    }

    /// The C library's words for `code`, lower-cased as the rest of a message ("no such file or directory").
    static func systemReason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// Foundation's description without its empty opening sentence.
    private static func fallback(_ error: Error) -> String {
        let text = error.localizedDescription
        let opening = "The operation could not be completed. "
        return text.hasPrefix(opening) ? String(text.dropFirst(opening.count)) : text
    }
}
