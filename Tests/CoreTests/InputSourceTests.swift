import Foundation
import Testing
@testable import OrgdeckCore

/// Reading uploads: every format, and every bad input refused with its file, line and reason.
@Suite("Input source")
struct InputSourceTests {
    /// A fresh folder with `files` (relative path → bytes).
    static func folder(_ files: [String: Data]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-inputs-\(UUID().uuidString)").path
        for (name, data) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
        }
        return root
    }

    static func read(_ path: String, concepts: [String] = []) throws -> (taken: [InputCandidate], refused: [InputRefusal]) {
        var taken: [InputCandidate] = [], refused: [InputRefusal] = []
        try InputSource.read(path, concepts: concepts, take: { taken.append($0) }, refuse: { refused.append($0) })
        return (taken, refused)
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
        + Data([0, 0, 0x01, 0x40, 0, 0, 0, 0xF0, 8, 6, 0, 0, 0, 0, 0, 0, 0])
    // APP0 (JFIF) first, then a baseline frame of 480 × 640.
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + Data("JFIF".utf8) + Data(repeating: 0, count: 10)
        + Data([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03]) + Data(repeating: 0, count: 9) + Data([0xFF, 0xD9])

    @Test("a folder: text files, images by their bytes, hidden files skipped, in path order")
    func folder() throws {
        let root = try Self.folder([
            "a.txt": Data("Refund my card".utf8), "notes/sub/b.md": Data("Parcel is late\n".utf8),
            ".hidden.txt": Data("secret".utf8), "notes/.git/config": Data("x".utf8),
            "pics/cat.PNG": Self.png, "pics/dog.jpeg.bak": Self.jpeg,
        ])
        let result = try Self.read(root, concepts: ["inbox"])
        #expect(result.refused.isEmpty)
        #expect(result.taken.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "b.md", "cat.PNG", "dog.jpeg.bak"])
        #expect(result.taken[0].content == .text("Refund my card") && result.taken[0].concepts == ["inbox"])
        guard case .image(let png, let bytes) = result.taken[2].content, case .image(let jpeg, _) = result.taken[3].content else {
            Issue.record("images not recognised: \(result.taken.map(\.content))")
            return
        }
        #expect(png == ImageHeader(mediaType: "image/png", width: 320, height: 240) && bytes == Self.png)
        #expect(jpeg == ImageHeader(mediaType: "image/jpeg", width: 640, height: 480))
    }

    @Test("CSV: quoted commas, quotes and line breaks, concepts split on ;, bad rows refused by line")
    func csv() throws {
        let csv = "id,text,concepts\r\n"
            + "1,\"Refund, please\",billing;urgent\r\n"
            + "2,\"She said \"\"hi\"\"\nand left\",\r\n"
            + "3,too,many,fields\r\n"
            + "\r\n"
            + "4,\"\",billing\r\n"
            + "5,bad concept,not an id!\r\n"
            + "6,\(String(repeating: "x", count: InputSource.maxTextBytes + 1)),billing\r\n"
            + "7,last one without a line break,shipping"
        let root = try Self.folder(["t.csv": Data(csv.utf8)])
        let result = try Self.read(root + "/t.csv")
        #expect(result.taken.map(\.content) == [.text("Refund, please"), .text("She said \"hi\"\nand left"),
                                                  .text("last one without a line break")])
        #expect(result.taken.map(\.concepts) == [["billing", "urgent"], [], ["shipping"]])
        #expect(result.taken.map(\.line) == [2, 3, 10])
        let path = root + "/t.csv"
        #expect(result.refused == [
            InputRefusal(path: path, line: 5, reason: "4 fields where the header has 3"),
            InputRefusal(path: path, line: 7, reason: "the text is empty"),
            InputRefusal(path: path, line: 8, reason: result.refused[safe: 2]?.reason ?? "?"),
            InputRefusal(path: path, line: 9, reason: "text longer than 1 MiB (\(InputSource.maxTextBytes + 1) bytes)"),
        ])
        #expect(result.refused[safe: 2]?.reason.hasPrefix("concept \"not an id!\": ") == true, "an invalid concept ID is named")
    }

    @Test("CSV without a text column, with an open quote, or not UTF-8")
    func badCSV() throws {
        let root = try Self.folder(["a.csv": Data("body,label\nhello,x\n".utf8),
                                    "b.csv": Data("text\nfine\n\"never closed\nmore\n".utf8),
                                    "c.csv": Data("text\ncaf".utf8) + Data([0xE9]) + Data("\nok\n".utf8)])
        let result = try Self.read(root)
        #expect(result.taken.map(\.content) == [.text("fine"), .text("ok")])
        #expect(result.refused == [
            InputRefusal(path: root + "/a.csv", line: 1, reason: "the header has no \"text\" column (it names \"body\", \"label\")"),
            InputRefusal(path: root + "/b.csv", line: 3, reason: "a quoted field is never closed"),
            InputRefusal(path: root + "/c.csv", line: 2, reason: "field 1 is not valid UTF-8"),
        ])
    }

    @Test("a CSV header without text is named in a few cut names, however long it is")
    func longHeader() throws {
        let header = (0..<50).map { "column\($0)" }.joined(separator: ",") + "," + String(repeating: "\u{0}", count: 100_000)
        let root = try Self.folder(["a.csv": Data((header + "\nx\n").utf8)])
        let reason = try #require(try Self.read(root).refused.first?.reason)
        #expect(reason == "the header has no \"text\" column (it names \"column0\", \"column1\", \"column2\", \"column3\", \"column4\", …)")
    }

    @Test("JSON Lines: objects with text and concepts; every other line refused by number")
    func jsonLines() throws {
        let lines = [#"{"text": "Card declined", "concepts": ["billing"]}"#, "", #"{"text": "no concepts"}"#,
                     "not json", #"{"concepts": ["x"]}"#, #"{"text": "t", "concepts": "billing"}"#, #"[1, 2]"#,
                     #"{"text": "bell\u0007"}"#, #"{"text": "ünïcode ok", "concepts": null}"#].joined(separator: "\r\n")
        let root = try Self.folder(["x.jsonl": Data(lines.utf8)])
        let result = try Self.read(root + "/x.jsonl", concepts: ["billing", "support"])
        #expect(result.taken.map(\.content) == [.text("Card declined"), .text("no concepts"), .text("ünïcode ok")])
        #expect(result.taken.map(\.concepts) == [["billing", "support"], ["billing", "support"], ["billing", "support"]])
        let path = root + "/x.jsonl"
        #expect(result.refused == [
            InputRefusal(path: path, line: 4, reason: "not a JSON object"),
            InputRefusal(path: path, line: 5, reason: "no \"text\" string"),
            InputRefusal(path: path, line: 6, reason: "\"concepts\" must be a list of concept IDs"),
            InputRefusal(path: path, line: 7, reason: "not a JSON object"),
            InputRefusal(path: path, line: 8, reason: "the text holds a control character (U+0007 BEL)"),
        ])
    }

    @Test("binary junk, Latin-1, empty and blank files, and a damaged image are refused; the rest is read")
    func junk() throws {
        let root = try Self.folder([
            "junk.bin": Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0x01]), "latin1.txt": Data([0x63, 0x61, 0x66, 0xE9]),
            "empty.txt": Data(), "blank.txt": Data("  \n\t".utf8), "cut.png": Self.png.prefix(14),
            "cut.jpg": Data([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x40, 0x01]), "good.txt": Data("fine".utf8),
            "marked.txt": Data([0xEF, 0xBB, 0xBF]) + Data("from Notepad".utf8),
            "marked.jsonl": Data([0xEF, 0xBB, 0xBF]) + Data(#"{"text": "first line"}"#.utf8),
        ])
        let result = try Self.read(root)
        #expect(result.taken.map(\.content) == [.text("fine"), .text("first line"), .text("from Notepad")],
                "a byte-order mark is not part of the text")
        #expect(result.refused == [
            InputRefusal(path: root + "/blank.txt", reason: "the text is empty"),
            InputRefusal(path: root + "/cut.jpg", reason: "not a readable JPEG: no frame header with its size"),
            InputRefusal(path: root + "/cut.png", reason: "not a readable PNG: its header chunk is missing"),
            InputRefusal(path: root + "/empty.txt", reason: "the file is empty"),
            InputRefusal(path: root + "/junk.bin", reason: "binary data, not text (a NUL byte at offset 5)"),
            InputRefusal(path: root + "/latin1.txt", reason: "not UTF-8 text (a bad byte at offset 3)"),
        ])
        #expect(throws: CoreError.notFound("no file or folder at \(root)/missing")) { try Self.read(root + "/missing") }
    }

    @Test("the first bad UTF-8 byte is found: overlong forms, surrogates and cut characters")
    func utf8Offsets() {
        #expect(InputFormats.invalidOffset(Data("ok é 漢 😀".utf8)) == nil)
        #expect(InputFormats.invalidOffset(Data([0x61, 0xC0, 0xAF])) == 1, "overlong")
        #expect(InputFormats.invalidOffset(Data([0x61, 0x62, 0xED, 0xA0, 0x80])) == 2, "a surrogate")
        #expect(InputFormats.invalidOffset(Data([0xE6, 0xBC])) == 0, "cut short")
        #expect(InputFormats.invalidOffset(Data([0xF4, 0x90, 0x80, 0x80])) == 0, "past U+10FFFF")
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
