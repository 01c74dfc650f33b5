import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// Models of an app: created, trained as jobs, recovered, cancelled, predicting, starred and
/// shared publicly, with the permissions of §5.
@Suite("Models and training")
struct ModelServiceTests {
    let fixture: Fixture
    let admin: Session
    let members: [Role: Session]
    let acme = Context.organization("acme")
    let worker = TrainingWorkerID.make()

    init() throws {
        fixture = try Fixture()
        (admin, members) = try fixture.organization()
        _ = try fixture.service.createApp(admin, in: acme, id: "support", name: "Support", description: "")
    }

    /// Uploads labelled tickets: refunds are billing, parcels shipping.
    func labelled(_ rows: Int = 40) throws {
        var csv = "text,concepts\n"
        for i in 0..<rows {
            csv += i % 2 == 0 ? "refund my card payment \(i),billing\n" : "parcel delivery is late \(i),shipping\n"
        }
        let path = try InputSourceTests.folder(["t.csv": Data(csv.utf8)]) + "/t.csv"
        _ = try fixture.service.uploadInputs(admin, in: acme, appID: "support", paths: [path])
    }

    /// A classifier `router` with one trained version.
    func trainedRouter() throws {
        try labelled()
        _ = try fixture.service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        _ = try fixture.service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        try fixture.service.runNextTrainingJob(worker: worker)
    }

    @Test("a classifier is queued, trained by a worker, measured, and predicts probabilities summing to 1")
    func trainAndPredict() throws {
        let service = fixture.service
        let created = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "Router", type: .textClassifier)
        #expect(created.type == .textClassifier && created.visibility == .private && created.latest == nil)
        #expect(coreError { _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "router") }
                == .conflict("training needs labelled text inputs in at least two concepts; app support has none"))
        _ = try service.uploadInputs(admin, in: acme, appID: "support",
                                     paths: [try InputServiceTests.files(["a.txt": "refund please"])], concepts: ["billing"])
        #expect(coreError { _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "router") }?.message
                == "training needs labelled text inputs in at least two concepts; app support has only billing (1)")
        try labelled()
        let queued = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        #expect(queued.status == .queued && queued.number == 1 && queued.id.hasPrefix("v-") && queued.id.count == 14)
        #expect(coreError { _ = try service.predict(admin, in: acme, appID: "support", modelID: "router", texts: ["x"]) }
                == .conflict("model router has no trained version yet: train it first"))
        var fractions: [Double] = []
        let outcome = try #require(try service.runNextTrainingJob(worker: worker, progress: { _, f in fractions.append(f) }))
        #expect(outcome.appID == "support" && outcome.modelID == "router" && outcome.version.status == .trained)
        #expect(fractions.first == 0 && fractions.last == 1 && fractions == fractions.sorted())
        #expect(try service.runNextTrainingJob(worker: worker) == nil, "nothing else is queued")
        let version = try #require(try service.versions(admin, in: acme, appID: "support", modelID: "router").first)
        #expect(version.concepts == ["billing", "shipping"] && version.inputCount == 41 && version.createdBy == "admin")
        let metrics = try #require(version.metrics)
        #expect(metrics.accuracy == 1 && metrics.evaluated == 8, "a fifth of 41, held out per concept")
        #expect(metrics.classes["billing"]?.support == 4 && metrics.classes["shipping"]?.support == 4)
        let prediction = try #require(try service.predict(admin, in: acme, appID: "support", modelID: "router",
                                                          texts: ["my refund", "late parcel"]).first)
        #expect(prediction.versionID == version.id && prediction.concepts.first?.concept == "billing")
        #expect(abs(prediction.concepts.map(\.score).reduce(0, +) - 1) < 1e-9)
        let second = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        #expect(second.number == 2)
        #expect(coreError { _ = try service.predict(admin, in: acme, appID: "support", modelID: "router", texts: ["x"], versionID: second.id) }
                == .conflict("version 2 of model router is queued; choose a trained one"))
        let model = try service.model(admin, in: acme, appID: "support", id: "router")
        #expect(model.latestTrained?.id == version.id && model.latest?.id == second.id && model.versionCount == 2)
    }

    @Test("a keyword tagger needs keywords, trains at once, and tags whole words")
    func keywordTagger() throws {
        let service = fixture.service
        #expect(coreError { _ = try service.createModel(admin, in: acme, appID: "support", id: "tags", name: "", type: .keywordTagger) }?.field
                == "keywords")
        let keywords = try KeywordList.parse("# tags\nbilling: refund, credit card\nshipping: parcel\n")
        _ = try service.createModel(admin, in: acme, appID: "support", id: "tags", name: "", type: .keywordTagger, keywords: keywords)
        try labelled(10)
        _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "tags")
        let outcome = try #require(try service.runNextTrainingJob(worker: worker))
        #expect(outcome.version.status == .trained && outcome.version.metrics?.accuracy == 1 && outcome.version.inputCount == 10)
        let found = try service.predict(admin, in: acme, appID: "support", modelID: "tags", texts: ["Refund to my CREDIT-card", "refunded"])
        #expect(found[0].concepts == [ConceptScore(concept: "billing", score: 0.6)] && found[1].concepts.isEmpty)
        #expect(coreError { _ = try KeywordList.parse("billing refund") }?.message
                == "line 1: write it as concept: keyword, another keyword")
    }

    @Test("a job whose worker died is queued again, then failed with the reason; silence counts as death")
    func deadWorkerRecovery() throws {
        let service = fixture.service
        try labelled()
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        let version = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        let dead = "\(TrainingWorkerID.hostName()):\(Int32.max - 7):00"
        _ = try service.store.write { tx in try tx.claimQueuedVersion(worker: dead, at: fixture.clock.now) }
        #expect(try service.versions(admin, in: acme, appID: "support", modelID: "router").first?.status == .training)
        #expect(try service.recoverTrainingJobs() == 1)
        let requeued = try #require(try service.versions(admin, in: acme, appID: "support", modelID: "router").first)
        #expect(requeued.status == .queued && requeued.reason?.hasPrefix("started again: process \(Int32.max - 7)") == true)
        // A worker on another machine is trusted until it has been silent too long.
        _ = try service.store.write { tx in try tx.claimQueuedVersion(worker: "elsewhere:1:00", at: fixture.clock.now) }
        #expect(try service.recoverTrainingJobs() == 0)
        fixture.clock.advance(OrgService.trainingHeartbeatTimeout + 1)
        #expect(try service.recoverTrainingJobs() == 1)
        let failed = try #require(try service.versions(admin, in: acme, appID: "support", modelID: "router").first)
        #expect(failed.id == version.id && failed.status == .failed && failed.finishedAt != nil)
        #expect(failed.reason == "process 1 on elsewhere stopped while training it, 2 times; train again to retry")
    }

    @Test("cancel stops a queued version at once and a training one at its next step")
    func cancel() throws {
        let service = fixture.service
        try labelled()
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        let first = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        #expect(try service.cancelTraining(admin, in: acme, appID: "support", modelID: "router", versionID: first.id).status == .cancelled)
        #expect(coreError { _ = try service.cancelTraining(admin, in: acme, appID: "support", modelID: "router", versionID: first.id) }
                == .conflict("version 1 is already cancelled"))
        _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        let stopped = try #require(try service.runNextTrainingJob(worker: worker, isCancelled: { true }))
        #expect(stopped.version.status == .cancelled && stopped.version.reason == "cancelled while training")
        // A cancel asked for in the database (by another process) is seen at the next heartbeat.
        let third = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        let job = try #require(try service.store.write { tx in try tx.claimQueuedVersion(worker: worker, at: fixture.clock.now) })
        #expect(try service.cancelTraining(admin, in: acme, appID: "support", modelID: "router", versionID: third.id).status == .training)
        #expect(try service.store.write { tx in try tx.heartbeat(versionKey: job.versionKey, worker: worker, progress: 0.5, at: fixture.clock.now) } == true)
        #expect(coreError { try service.deleteVersion(admin, in: acme, appID: "support", modelID: "router", versionID: third.id) }
                == .conflict("version 3 is training: cancel it first"))
        try service.deleteVersion(admin, in: acme, appID: "support", modelID: "router", versionID: first.id)
        #expect(try service.versions(admin, in: acme, appID: "support", modelID: "router").map(\.number) == [3, 2])
    }

    @Test("a concept a trained version predicts cannot be deleted; naming the versions")
    func conceptInUse() throws {
        let service = fixture.service
        try labelled()
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        let version = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        try service.runNextTrainingJob(worker: worker)
        #expect(coreError { _ = try service.deleteConcept(admin, in: acme, appID: "support", id: "billing") }
                == .conflict("concept billing is used by trained model versions router v1; delete those versions first"))
        try service.deleteVersion(admin, in: acme, appID: "support", modelID: "router", versionID: version.id)
        #expect(try service.deleteConcept(admin, in: acme, appID: "support", id: "billing") == 20)
    }

    @Test("viewers see and predict; contributors edit, train and set visibility; each refusal is audited")
    func permissions() throws {
        let service = fixture.service
        try trainedRouter()
        let user = try #require(members[.orgUser])
        #expect(try service.models(user, in: acme, appID: "support").map(\.id) == ["router"])
        #expect(try service.predict(user, in: acme, appID: "support", modelID: "router", texts: ["refund"]).count == 1)
        #expect(try service.starModel(user, in: acme, appID: "support", id: "router", starred: true).starred)
        #expect(coreError { _ = try service.trainModel(user, in: acme, appID: "support", modelID: "router") }
                == .forbidden("training models requires role Admin or Organization Contributor"))
        #expect(try fixture.lastAudit()?.action == "model.train" && fixture.lastAudit()?.outcome == "denied")
        #expect(coreError { _ = try service.setModelVisibility(user, in: acme, appID: "support", id: "router", .public) }?.kind == .forbidden)
        #expect(coreError { _ = try service.createModel(user, in: acme, appID: "support", id: "x", name: "", type: .textClassifier) }?.kind
                == .forbidden)
        let contributor = try #require(members[.teamContributor])
        _ = try service.createTeam(admin, organizationID: "acme", id: "crew", name: "Crew")
        try service.addTeamMember(admin, organizationID: "acme", teamID: "crew", username: contributor.user.username)
        try service.addTeamApp(admin, organizationID: "acme", teamID: "crew", appID: "support", role: .viewer)
        #expect(try service.predict(contributor, in: acme, appID: "support", modelID: "router", texts: ["refund"]).count == 1)
        #expect(coreError { try service.deleteModel(contributor, in: acme, appID: "support", id: "router") }?.message
                == "editing app content requires role Admin or Organization Contributor (or a team that grants it on this app)")
        try service.removeTeamApp(admin, organizationID: "acme", teamID: "crew", appID: "support")
        try service.addTeamApp(admin, organizationID: "acme", teamID: "crew", appID: "support", role: .contributor)
        #expect(try service.trainModel(contributor, in: acme, appID: "support", modelID: "router").number == 2)
        #expect(try service.updateModel(contributor, in: acme, appID: "support", id: "router", name: "Ticket router").name == "Ticket router")
        let oc = try #require(members[.orgContributor])
        #expect(try service.setModelVisibility(oc, in: acme, appID: "support", id: "router", .public).visibility == .public)
    }

    @Test("a public model is seen, starred and used by any signed-in user; a private one does not exist for them")
    func publicModels() throws {
        let service = fixture.service
        try trainedRouter()
        let outsider = try fixture.user("zed")
        #expect(coreError { _ = try service.model(outsider, in: acme, appID: "support", id: "router") }
                == .notFound("no organization acme"))
        #expect(coreError { _ = try service.predict(outsider, in: acme, appID: "support", modelID: "router", texts: ["x"]) }?.kind == .notFound)
        _ = try service.setModelVisibility(admin, in: acme, appID: "support", id: "router", .public)
        #expect(try service.model(outsider, in: acme, appID: "support", id: "router").visibility == .public)
        #expect(try service.predict(outsider, in: acme, appID: "support", modelID: "router", texts: ["refund"])[0].concepts.count == 2)
        _ = try service.starModel(outsider, in: acme, appID: "support", id: "router", starred: true)
        let stars = try service.starredModels(outsider)
        #expect(stars.map(\.model.id) == ["router"] && stars.first?.context == acme && stars.first?.ownerLabel == "acme")
        #expect(coreError { _ = try service.trainModel(outsider, in: acme, appID: "support", modelID: "router") }?.kind == .notFound)
        _ = try service.setModelVisibility(admin, in: acme, appID: "support", id: "router", .private)
        #expect(try service.starredModels(outsider).isEmpty, "a star on a model out of reach is not shown")
        #expect(try service.starredModels(admin).isEmpty, "stars are per user")
    }

    @Test("stars gather models across apps and owners; deleting a model takes its stars")
    func starsAcrossApps() throws {
        let service = fixture.service
        _ = try service.createApp(admin, in: .personal, id: "mine", name: "Mine", description: "")
        let keywords = ["a": ["alpha"]]
        _ = try service.createModel(admin, in: .personal, appID: "mine", id: "tagger", name: "", type: .keywordTagger, keywords: keywords)
        _ = try service.createModel(admin, in: acme, appID: "support", id: "router", name: "", type: .textClassifier)
        _ = try service.starModel(admin, in: acme, appID: "support", id: "router", starred: true)
        fixture.clock.advance(1)
        _ = try service.starModel(admin, in: .personal, appID: "mine", id: "tagger", starred: true)
        #expect(try service.starredModels(admin).map { "\($0.ownerLabel)/\($0.model.appID)/\($0.model.id)" }
                == ["@admin/mine/tagger", "acme/support/router"])
        try service.deleteModel(admin, in: acme, appID: "support", id: "router")
        #expect(try service.starredModels(admin).map(\.model.id) == ["tagger"])
        #expect(try fixture.raw { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM model_stars") } == 1)
    }

    @Test("duplicating an app with its content copies inputs, labels, concepts and models with their latest trained version")
    func duplicateWithContent() throws {
        let service = fixture.service
        try trainedRouter()
        _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "router")
        try service.runNextTrainingJob(worker: worker)
        _ = try service.starModel(admin, in: acme, appID: "support", id: "router", starred: true)
        _ = try service.duplicateApp(admin, in: acme, id: "support", newID: "support-2", newName: nil, copyContent: true)
        #expect(try service.inputs(admin, in: acme, appID: "support-2", query: InputQuery(search: "refund")).total == 20)
        #expect(try service.concepts(admin, in: acme, appID: "support-2").map(\.inputCount) == [20, 20])
        let copy = try service.model(admin, in: acme, appID: "support-2", id: "router")
        let original = try service.model(admin, in: acme, appID: "support", id: "router")
        #expect(copy.versionCount == 1 && copy.latestTrained?.number == 1 && copy.latestTrained?.id != original.latestTrained?.id)
        #expect(copy.latestTrained?.metrics == original.latestTrained?.metrics && !copy.starred && copy.visibility == .private)
        #expect(try service.predict(admin, in: acme, appID: "support-2", modelID: "router", texts: ["refund"])[0].concepts.first?.concept
                == "billing")
        _ = try service.duplicateApp(admin, in: acme, id: "support", newID: "bare", newName: nil)
        #expect(try service.models(admin, in: acme, appID: "bare").isEmpty)
    }
}
