import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// Uploading, finding, labelling and deleting an app's inputs, with the permissions of §5.
@Suite("Inputs and concepts")
struct InputServiceTests {
    let fixture: Fixture
    let admin: Session
    let members: [Role: Session]
    let acme = Context.organization("acme")

    init() throws {
        fixture = try Fixture()
        (admin, members) = try fixture.organization()
        _ = try fixture.service.createApp(admin, in: acme, id: "support", name: "Support", description: "")
    }

    static func files(_ files: [String: String]) throws -> String {
        try InputSourceTests.folder(files.mapValues { Data($0.utf8) })
    }

    @Test("a change of content marks the app updated, without a new version of the app itself")
    func contentChangesMarkTheAppUpdated() throws {
        let service = fixture.service
        let before = try service.app(admin, in: acme, id: "support")
        fixture.clock.advance(3_600)
        _ = try service.uploadInputs(admin, in: acme, appID: "support", paths: [try Self.files(["a.txt": "Refund my card"])])
        let uploaded = try service.app(admin, in: acme, id: "support")
        #expect(uploaded.updatedAt == before.updatedAt.addingTimeInterval(3_600), "My Apps sorts by it")
        #expect(uploaded.version == before.version, "an edit form open on the app stays valid")
        fixture.clock.advance(60)
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        #expect(try service.app(admin, in: acme, id: "support").updatedAt == uploaded.updatedAt.addingTimeInterval(60))
        let user = try #require(members[.orgUser])
        #expect(throws: CoreError.self) { _ = try service.createModel(user, in: acme, appID: "support", id: "x", name: "", type: .textClassifier) }
        #expect(try service.app(admin, in: acme, id: "support").updatedAt == uploaded.updatedAt.addingTimeInterval(60),
                "a refused change marks nothing")
    }

    @Test("an upload stores texts and images with their concepts; the same upload again adds nothing")
    func uploadAndRepeat() throws {
        let root = try InputSourceTests.folder([
            "tickets.csv": Data("text,concepts\nRefund my card,billing\nParcel is late,shipping;urgent\nRefund my card,billing\n".utf8),
            "note.txt": Data("Café order never arrived".utf8), "scan.png": InputSourceTests.png,
            "bad.bin": Data([1, 0, 2]),
        ])
        var steps: [UploadProgress] = []
        let report = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [root], concepts: ["inbox"],
                                                      progress: { steps.append($0) })
        #expect(report.added == 4 && report.duplicates == 1 && !report.cancelled)
        #expect(report.refused == [InputRefusal(path: root + "/bad.bin", reason: "binary data, not text (a NUL byte at offset 1)")])
        let missing = try fixture.service.uploadInputs(admin, in: acme, appID: "support",
                                                       paths: [root + "/nope", try Self.files(["c.txt": "one more"])])
        #expect(missing.added == 1 && missing.refused == [InputRefusal(path: root + "/nope", reason: "no file or folder at \(root)/nope")],
                "a missing path is refused and the others still go in")
        #expect(steps.last?.added == 4)
        let page = try fixture.service.inputs(admin, in: acme, appID: "support", query: InputQuery())
        #expect(page.total == 5)
        let image = try #require(page.items.first { $0.kind == .image })
        #expect(image.mediaType == "image/png" && image.width == 320 && image.height == 240 && image.text == nil)
        let refund = try #require(page.items.first { $0.text == "Refund my card" })
        #expect(refund.concepts == ["billing", "inbox"] && refund.source == root + "/tickets.csv:2")
        #expect(refund.id == "in-" + refund.sha256.prefix(12) && refund.sha256.count == 64)
        let concepts = try fixture.service.concepts(admin, in: acme, appID: "support")
        #expect(concepts.map(\.id) == ["billing", "inbox", "shipping", "urgent"])
        #expect(concepts.map(\.inputCount) == [1, 4, 1, 1], "the extra file came without concepts")
        // Resuming: everything is already there.
        let again = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [root], concepts: ["inbox"])
        #expect(again.added == 0 && again.duplicates == 5)
        #expect(try fixture.auditActions().filter { $0.action == "inputs.upload" }.count == 2, "one per batch that added inputs, none for the repeat")
    }

    @Test("a cancelled upload keeps what it stored, whole, and running it again stores the rest")
    func cancelAndResume() throws {
        let lines = (0..<1_200).map { "ticket number \($0)" }.joined(separator: "\n")
        let root = try InputSourceTests.folder(["many.csv": Data(("text\n" + lines).utf8)])
        var asked = 0
        let first = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [root],
                                                     isCancelled: { asked += 1; return asked > 700 })
        #expect(first.cancelled && first.added == 700, "the first batch of 500 and the 200 read before the cancel")
        let second = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [root])
        #expect(!second.cancelled && second.added == 500 && second.duplicates == 700)
        #expect(try fixture.service.inputs(admin, in: acme, appID: "support", query: InputQuery(limit: 1)).total == 1_200)
    }

    @Test("search is full-text with prefix matching and folded accents; filters by concept or unlabelled")
    func searchAndFilters() throws {
        let root = try InputSourceTests.folder(["t.jsonl": Data("""
            {"text": "Refund my credit card", "concepts": ["billing"]}
            {"text": "Refunded twice, please help", "concepts": ["billing", "urgent"]}
            {"text": "Le café est froid"}
            {"text": "Parcel lost by the courier", "concepts": ["shipping"]}
            """.utf8)])
        _ = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [root])
        func texts(_ query: InputQuery) throws -> [String] {
            try fixture.service.inputs(members[.orgUser]!, in: acme, appID: "support", query: query).items.compactMap(\.text)
        }
        #expect(try texts(InputQuery(search: "refu")) == ["Refunded twice, please help", "Refund my credit card"])
        #expect(try texts(InputQuery(search: "refund card")) == ["Refund my credit card"])
        #expect(try texts(InputQuery(search: "cafe")) == ["Le café est froid"], "accents folded")
        #expect(try texts(InputQuery(search: "\"); DROP TABLE inputs; --")).isEmpty, "typed text is never FTS syntax")
        #expect(try texts(InputQuery(concept: "urgent")) == ["Refunded twice, please help"])
        #expect(try texts(InputQuery(concept: "nope")).isEmpty)
        #expect(try texts(InputQuery(unlabelled: true)) == ["Le café est froid"])
        let window = try fixture.service.inputs(admin, in: acme, appID: "support", query: InputQuery(offset: 1, limit: 2))
        #expect(window.items.count == 2 && window.total == 4 && window.offset == 1)
    }

    @Test("label and unlabel several inputs; delete all or none; deleting the app takes its inputs")
    func labelAndDelete() throws {
        let root = try Self.files(["a.txt": "first text", "b.txt": "second text"])
        _ = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [root])
        let ids = try fixture.service.inputs(admin, in: acme, appID: "support", query: InputQuery()).items.map(\.id)
        #expect(try fixture.service.labelInputs(admin, in: acme, appID: "support", inputIDs: ids, concepts: ["x", "y"]) == 4)
        #expect(try fixture.service.labelInputs(admin, in: acme, appID: "support", inputIDs: ids, concepts: ["x"]) == 0)
        #expect(try fixture.service.unlabelInputs(admin, in: acme, appID: "support", inputIDs: [ids[0]], concepts: ["x", "zz"]) == 1)
        #expect(try fixture.service.concepts(admin, in: acme, appID: "support").map(\.inputCount) == [1, 2])
        #expect(try fixture.service.renameConcept(admin, in: acme, appID: "support", id: "x", name: "Ex").name == "Ex")
        #expect(try fixture.service.deleteConcept(admin, in: acme, appID: "support", id: "y") == 2)
        #expect(try fixture.service.inputs(admin, in: acme, appID: "support", query: InputQuery(unlabelled: true)).total == 1,
                "the inputs stay; the one that had only y is now unlabelled")
        #expect(coreError { _ = try fixture.service.deleteConcept(admin, in: acme, appID: "support", id: "y") }
                == .notFound("no concept y in app support"))
        #expect(coreError { _ = try fixture.service.renameConcept(members[.orgUser]!, in: acme, appID: "support", id: "x", name: "No") }?
                    .kind == .forbidden)
        #expect(coreError { _ = try fixture.service.deleteInputs(admin, in: acme, appID: "support", inputIDs: [ids[0], "in-nope"]) }
                == .notFound("no input in-nope in app support"))
        #expect(try fixture.service.inputs(admin, in: acme, appID: "support", query: InputQuery()).total == 2, "none deleted")
        #expect(try fixture.service.deleteInputs(admin, in: acme, appID: "support", inputIDs: [ids[0]]) == 1)
        try fixture.service.deleteApp(admin, in: acme, id: "support")
        let left = try fixture.raw { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM inputs) + (SELECT COUNT(*) FROM concepts) + (SELECT COUNT(*) FROM input_concepts) + (SELECT COUNT(*) FROM inputs_fts)")
        }
        #expect(left == 0)
    }

    @Test("viewers see inputs but only contributors change them; read-only refuses")
    func permissions() throws {
        let root = try Self.files(["a.txt": "hello"])
        let viewer = try #require(members[.orgUser])
        #expect(coreError { _ = try fixture.service.uploadInputs(viewer, in: acme, appID: "support", paths: [root]) }?.kind == .forbidden)
        #expect(try fixture.lastAudit()?.outcome == "denied")
        #expect(coreError { _ = try fixture.service.createConcept(viewer, in: acme, appID: "support", id: "x", name: "") }?.kind == .forbidden)
        let teamContributor = try #require(members[.teamContributor])
        #expect(coreError { _ = try fixture.service.inputs(teamContributor, in: acme, appID: "support", query: InputQuery()) }?.kind == .notFound,
                "a Team Contributor does not see an app no team grants")
        _ = try fixture.service.createTeam(admin, organizationID: "acme", id: "crew", name: "Crew")
        try fixture.service.addTeamMember(admin, organizationID: "acme", teamID: "crew", username: teamContributor.user.username)
        try fixture.service.addTeamApp(admin, organizationID: "acme", teamID: "crew", appID: "support", role: .viewer)
        #expect(coreError { _ = try fixture.service.uploadInputs(teamContributor, in: acme, appID: "support", paths: [root]) }?.kind == .forbidden)
        #expect(try fixture.service.uploadInputs(members[.orgContributor]!, in: acme, appID: "support", paths: [root]).added == 1)
        #expect(try fixture.service.inputs(teamContributor, in: acme, appID: "support", query: InputQuery()).total == 1)
        let concept = try fixture.service.createConcept(members[.orgContributor]!, in: acme, appID: "support", id: "greeting", name: "Greeting")
        #expect(concept.name == "Greeting")
        #expect(coreError { _ = try fixture.service.createConcept(admin, in: acme, appID: "support", id: "greeting", name: "") }
                == .conflict("app support already has a concept greeting", field: "id"))
        let readOnly = try OrgService.inMemory(options: .init(readOnly: true))
        #expect(coreError { _ = try readOnly.uploadInputs(admin, in: acme, appID: "support", paths: [root]) } == .readOnly)
    }

    @Test("an input's content cannot be rewritten in place")
    func contentIsFixed() throws {
        _ = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [try Self.files(["a.txt": "original"])])
        #expect(throws: DatabaseError.self) {
            try fixture.raw { db in try db.execute(sql: "UPDATE inputs SET text = 'changed'") }
        }
    }
}

extension InputServiceTests {
    @Test("a search that skips the count says its total is a lower bound; the window is the same")
    func searchWithoutCount() throws {
        let lines = (0..<150).map { "refund request \($0)" }.joined(separator: "\n")
        _ = try fixture.service.uploadInputs(admin, in: acme, appID: "support",
                                             paths: [try InputSourceTests.folder(["r.csv": Data(("text\n" + lines).utf8)]) + "/r.csv"])
        let counted = try fixture.service.inputs(admin, in: acme, appID: "support", query: InputQuery(search: "refu", limit: 100))
        let quick = try fixture.service.inputs(admin, in: acme, appID: "support",
                                               query: InputQuery(search: "refu", limit: 100, countTotal: false))
        #expect(counted.total == 150 && counted.isExact)
        #expect(quick.total == 101 && !quick.isExact && quick.items == counted.items)
        #expect(quick.items.first?.text == "refund request 149", "newest first")
        let last = try fixture.service.inputs(admin, in: acme, appID: "support",
                                              query: InputQuery(search: "refu", offset: 100, limit: 100, countTotal: false))
        #expect(last.total == 150 && last.isExact, "a window that reaches the end knows the total")
    }
}
