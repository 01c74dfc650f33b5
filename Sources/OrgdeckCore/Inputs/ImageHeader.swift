import Foundation

/// The media type and pixel size of a PNG or JPEG, read from its header without decoding it.
public struct ImageHeader: Equatable, Sendable {
    /// `image/png` or `image/jpeg`.
    public var mediaType: String
    public var width: Int
    public var height: Int

    /// The header of `bytes`, or nil when they start like neither format. A file that starts like
    /// one but is cut short or damaged throws with the reason.
    public static func read(_ bytes: Data) throws -> ImageHeader? {
        let b = [UInt8](bytes.prefix(8))
        if b == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return try png(bytes) }
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF { return try jpeg(bytes) }
        return nil
    }

    /// PNG: the first chunk must be IHDR, whose first eight bytes are width and height.
    private static func png(_ data: Data) throws -> ImageHeader {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw CoreError.invalid("file", "not a readable PNG: its header chunk is missing")
        }
        let width = Int(bigEndian: bytes[16..<20]), height = Int(bigEndian: bytes[20..<24])
        guard width > 0, height > 0 else { throw CoreError.invalid("file", "not a readable PNG: it has no pixels") }
        return ImageHeader(mediaType: "image/png", width: width, height: height)
    }

    /// JPEG: walks the segments to the first start-of-frame marker, which holds height and width.
    private static func jpeg(_ data: Data) throws -> ImageHeader {
        // Read in place: an image may be 20 MiB and only its first segments matter.
        let bytes = Bytes(data: data)
        var i = 2
        while i + 3 < bytes.count {
            guard bytes[i] == 0xFF else { break }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }                       // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }   // no length
            if marker == 0xD9 || marker == 0xDA { break }                // end, or scan data before any frame
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2 else { break }
            // Start of frame: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard i + 8 < bytes.count else { break }
                let height = Int(bytes[i + 5]) << 8 | Int(bytes[i + 6])
                let width = Int(bytes[i + 7]) << 8 | Int(bytes[i + 8])
                guard width > 0, height > 0 else { break }
                return ImageHeader(mediaType: "image/jpeg", width: width, height: height)
            }
            i += 2 + length
        }
        throw CoreError.invalid("file", "not a readable JPEG: no frame header with its size")
    }
}

/// Zero-based byte access to a `Data`, whatever its start index (a slice's is not zero).
private struct Bytes {
    let data: Data
    var count: Int { data.count }
    subscript(offset: Int) -> UInt8 { data[data.startIndex + offset] }
}

private extension Int {
    /// Four bytes, most significant first.
    init(bigEndian bytes: ArraySlice<UInt8>) {
        self = bytes.reduce(0) { $0 << 8 | Int($1) }
    }
}
