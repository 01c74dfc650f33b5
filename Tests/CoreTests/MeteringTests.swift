import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// One usage event as stored.
struct StoredUsage: Equatable {
    var owner: String
    var user: Int64
    var app: String
    var operation: String
    var quantity: Int64
    var amount: Int64
}

extension Fixture {
    /// Every usage event, oldest first, straight from the table.
    func usage() throws -> [StoredUsage] {
        try raw { db in
            try Row.fetchAll(db, sql: "SELECT owner, user_id, app_id, operation, quantity, amount_micros FROM usage_events ORDER BY id").map {
                StoredUsage(owner: $0["owner"], user: $0["user_id"], app: $0["app_id"], operation: $0["operation"],
                            quantity: $0["quantity"], amount: $0["amount_micros"])
            }
        }
    }
}

/// Metering (PRODUCT.md §7): each billable operation writes its usage in its own transaction,
/// priced by the rate card; failed and refused operations meter nothing.
@Suite("Metering")
struct MeteringTests {
    let fixture: Fixture
    let admin: Session
    let members: [Role: Session]
    let acme = Context.organization("acme")

    init() throws {
        fixture = try Fixture()
        (admin, members) = try fixture.organization()
        _ = try fixture.service.createApp(admin, in: acme, id: "support", name: "Support", description: "")
    }

    var account: String {
        get throws { try BillingAccount.organization(try fixture.service.organization(admin, id: "acme")).key }
    }

    func labelled(_ rows: Int) throws {
        var csv = "text,concepts\n"
        for i in 0..<rows { csv += i % 2 == 0 ? "refund my card \(i),billing\n" : "parcel is late \(i),shipping\n" }
        let path = try InputSourceTests.folder(["t.csv": Data(csv.utf8)]) + "/t.csv"
        _ = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [path])
    }

    @Test("upload, training, prediction, search and storage each meter exactly their units at the rate card's price")
    func eachOperation() throws {
        let service = fixture.service, owner = try account, adminID = admin.user.id
        try labelled(40)
        #expect(try fixture.usage() == [StoredUsage(owner: owner, user: adminID, app: "support", operation: "upload", quantity: 40, amount: 4_000)])
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        let contributor = try #require(members[.orgContributor])
        _ = try service.trainModel(contributor, in: acme, appID: "support", modelID: "router")
        #expect(try fixture.usage().count == 1, "queueing a version meters nothing: training does, when it finishes")
        try service.runNextTrainingJob(worker: "w")
        #expect(try fixture.usage().last == StoredUsage(owner: owner, user: contributor.user.id, app: "support",
                                                        operation: "train_input", quantity: 40, amount: 8_000))
        let user = try #require(members[.orgUser])
        _ = try service.predict(user, in: acme, appID: "support", modelID: "router", texts: ["refund", "late parcel", "x"])
        #expect(try fixture.usage().last == StoredUsage(owner: owner, user: user.user.id, app: "support", operation: "predict",
                                                        quantity: 3, amount: 3_600))
        _ = try service.inputs(user, in: acme, appID: "support", query: InputQuery(search: "refund"))
        _ = try service.inputs(user, in: acme, appID: "support", query: InputQuery())
        _ = try service.inputs(user, in: acme, appID: "support", query: InputQuery(search: "refund", offset: 20), metered: false)
        #expect(try fixture.usage().last == StoredUsage(owner: owner, user: user.user.id, app: "support", operation: "search",
                                                        quantity: 1, amount: 400))
        #expect(try fixture.usage().count == 4, "a listing without a search, and a page of a metered search, are not searches")
        #expect(try service.meterStorageIfDue())
        #expect(try fixture.usage().last == StoredUsage(owner: owner, user: 0, app: "support", operation: "storage_input_day",
                                                        quantity: 40, amount: 120))
        #expect(try !service.meterStorageIfDue(), "once a day")
        fixture.clock.advance(86_400)
        #expect(try service.meterStorageIfDue())
        #expect(try fixture.usage().count == 6)
        let summary = try service.billingSummary(admin, in: acme)
        #expect(summary.totalMicros == 4_000 + 8_000 + 3_600 + 400 + 120 + 120)
        #expect(try service.verifyBilling().isConsistent)
    }

    @Test("a failed or refused operation meters nothing")
    func failuresMeterNothing() throws {
        let service = fixture.service
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        #expect(coreError { _ = try service.predict(admin, in: acme, appID: "support", modelID: "router", texts: ["x"]) }?.kind == .conflict)
        let outsider = try fixture.user("outsider")
        #expect(coreError { _ = try service.predict(outsider, in: acme, appID: "support", modelID: "router", texts: ["x"]) }?.kind == .notFound)
        let team = try #require(members[.teamContributor])
        #expect(coreError { _ = try service.inputs(team, in: acme, appID: "support", query: InputQuery(search: "x")) }?.kind == .notFound)
        try labelled(4)
        let before = try fixture.usage()
        try labelled(4)
        #expect(try fixture.usage() == before, "an upload whose inputs are all there already adds nothing and meters nothing")
        _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        try service.runNextTrainingJob(worker: "w", isCancelled: { true })
        #expect(try fixture.usage() == before, "a cancelled training meters nothing")
        #expect(try service.versions(admin, in: acme, appID: "support", modelID: "router").first?.status == .cancelled)
    }

    @Test("someone outside the organization predicting with its public model pays on their personal account")
    func publicModelCallerPays() throws {
        let service = fixture.service
        try labelled(20)
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        try service.runNextTrainingJob(worker: "w")
        _ = try service.setModelVisibility(admin, in: acme, appID: "support", id: "router", .public)
        let outsider = try fixture.user("outsider")
        _ = try service.predict(outsider, in: acme, appID: "support", modelID: "router", texts: ["refund"])
        #expect(try fixture.usage().last == StoredUsage(owner: "u:\(outsider.user.id)", user: outsider.user.id, app: "acme/support",
                                                        operation: "predict", quantity: 1, amount: 1_200))
        #expect(try service.billingSummary(outsider, in: .personal).totalMicros == 1_200)
        #expect(try service.billingBreakdown(outsider, in: .personal, by: .app).map(\.key) == ["acme/support"])
    }

    @Test("an organization made with a deleted one's ID starts with a clean bill")
    func recreatedOrganization() throws {
        let service = fixture.service
        try labelled(10)
        #expect(try service.billingSummary(admin, in: acme).totalMicros == 1_000)
        try service.deleteOrganization(admin, id: "acme", confirmation: "acme")
        fixture.clock.advance(1)
        _ = try service.createOrganization(admin, id: "acme", name: "Acme Again", billingEmail: "b@acme.example")
        #expect(try service.billingSummary(admin, in: acme).totalMicros == 0)
        #expect(try service.billingBreakdown(admin, in: acme, by: .app).isEmpty)
    }
}
