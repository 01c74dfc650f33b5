import Foundation
import Testing
@testable import OrgdeckCore

/// Collaborators (PRODUCT.md §6): a user outside the organization gets exactly the scopes they
/// were given on one app, and nothing else is visible or possible.
@Suite("Collaborators")
struct CollaboratorTests {
    /// Every operation a scope governs, with the scopes that admit it.
    static let operations: [(name: String, admitted: Set<CollaboratorScope>)] = [
        ("list inputs", [.inputsRead]),
        ("upload inputs", [.inputsWrite]),
        ("label inputs", [.inputsWrite]),
        ("list concepts", [.inputsRead, .inputsWrite, .conceptsWrite, .modelsRead, .modelsWrite]),
        ("create concept", [.conceptsWrite]),
        ("list models", [.modelsRead]),
        ("show model", [.modelsRead]),
        ("list versions", [.modelsRead]),
        ("create model", [.modelsWrite]),
        ("rename model", [.modelsWrite]),
        ("model visibility", [.modelsWrite]),
        ("train model", [.modelsTrain]),
        ("list workflows", [.workflowsRead]),
        ("show workflow", [.workflowsRead]),
        ("create workflow", [.workflowsWrite]),
        ("predict with a model", [.predict]),
        ("run a workflow", [.predict]),
    ]

    /// An organization app with a trained tagger and a workflow, shared with `zed` (outside
    /// the organization) with `scopes`.
    struct Setup {
        let fixture: Fixture
        let admin: Session
        let zed: Session
        let acme = Context.organization("acme")

        init(scopes: Set<CollaboratorScope>?) throws {
            fixture = try Fixture()
            (admin, _) = try fixture.organization()
            zed = try fixture.user("zed")
            let service = fixture.service
            _ = try service.createApp(admin, in: acme, id: "support", name: "Support", description: "")
            _ = try service.createApp(admin, in: acme, id: "secret", name: "Secret", description: "")
            _ = try service.createModel(admin, in: acme, appID: "support", id: "tags", name: "", type: .keywordTagger,
                                        keywords: ["billing": ["refund"]])
            _ = try service.trainModel(admin, in: acme, appID: "support", modelID: "tags")
            try service.runNextTrainingJob(worker: "w")
            _ = try service.createWorkflow(admin, in: acme, appID: "support", id: "flow", name: "",
                                           graph: WorkflowGraph(nodes: [WorkflowNode(id: "n1", model: "tags")],
                                                                edges: [WorkflowEdge(from: "input", to: "n1")]))
            _ = try service.uploadInputs(admin, in: acme, appID: "support",
                                         paths: [try InputServiceTests.files(["a.txt": "refund me"])], concepts: ["billing"])
            if let scopes { try service.addCollaborator(admin, in: acme, appID: "support", login: "zed@example.com", scopes: scopes) }
        }

        func attempt(_ operation: String) throws {
            let s = fixture.service, app = "support"
            switch operation {
            case "list inputs": _ = try s.inputs(zed, in: acme, appID: app, query: InputQuery())
            case "upload inputs": _ = try s.uploadInputs(zed, in: acme, appID: app, paths: [try InputServiceTests.files(["b.txt": "parcel"])])
            case "label inputs":
                let id = try #require(try s.inputs(admin, in: acme, appID: app, query: InputQuery()).items.first?.id)
                _ = try s.labelInputs(zed, in: acme, appID: app, inputIDs: [id], concepts: ["urgent"])
            case "list concepts": _ = try s.concepts(zed, in: acme, appID: app)
            case "create concept": _ = try s.createConcept(zed, in: acme, appID: app, id: "new-concept", name: "")
            case "list models": _ = try s.models(zed, in: acme, appID: app)
            case "show model": _ = try s.model(zed, in: acme, appID: app, id: "tags")
            case "list versions": _ = try s.versions(zed, in: acme, appID: app, modelID: "tags")
            case "create model": _ = try s.createModel(zed, in: acme, appID: app, id: "zeds", name: "", type: .textClassifier)
            case "rename model": _ = try s.updateModel(zed, in: acme, appID: app, id: "tags", name: "Tags")
            case "model visibility": _ = try s.setModelVisibility(zed, in: acme, appID: app, id: "tags", .private)
            case "train model": _ = try s.trainModel(zed, in: acme, appID: app, modelID: "tags")
            case "list workflows": _ = try s.workflows(zed, in: acme, appID: app)
            case "show workflow": _ = try s.workflow(zed, in: acme, appID: app, id: "flow")
            case "create workflow": _ = try s.createWorkflow(zed, in: acme, appID: app, id: "zed-flow", name: "")
            case "predict with a model": _ = try s.predict(zed, in: acme, appID: app, modelID: "tags", texts: ["refund"])
            case "run a workflow": _ = try s.predictWorkflow(zed, in: acme, appID: app, id: "flow", text: "refund")
            default: Issue.record("no operation \(operation)")
            }
        }
    }

    static let cases: [(CollaboratorScope, String)] = CollaboratorScope.allCases.flatMap { scope in operations.map { (scope, $0.name) } }

    @Test("each scope admits exactly its operations", arguments: CollaboratorScope.allCases)
    func scopes(scope: CollaboratorScope) throws {
        for (name, admitted) in Self.operations {
            let setup = try Setup(scopes: [scope])
            let error = coreError { try setup.attempt(name) }
            if admitted.contains(scope) {
                #expect(error == nil, "\(scope.rawValue) should admit \(name): \(error?.message ?? "")")
            } else {
                #expect(error?.kind == .forbidden, "\(scope.rawValue) should refuse \(name): \(error.map { "\($0.kind)" } ?? "admitted")")
            }
        }
    }

    @Test("a collaborator reaches the shared app and nothing else of the organization; an outsider with no scope sees nothing")
    func nothingElse() throws {
        let setup = try Setup(scopes: [.inputsRead, .modelsRead])
        let s = setup.fixture.service, zed = setup.zed, acme = setup.acme
        #expect(try s.apps(zed, in: acme, query: AppQuery()).items.map(\.id) == ["support"])
        #expect(try s.apps(zed, in: acme, query: AppQuery()).items.first?.collaboration == [.inputsRead, .modelsRead])
        #expect(coreError { _ = try s.models(zed, in: acme, appID: "secret") }?.kind == .notFound)
        #expect(coreError { _ = try s.members(zed, organizationID: "acme") }?.kind == .notFound)
        #expect(coreError { _ = try s.createApp(zed, in: acme, id: "mine", name: "", description: "") }?.kind == .notFound)
        #expect(coreError { _ = try s.updateApp(zed, in: acme, id: "support", changes: AppChanges(name: "Renamed"), expectedVersion: nil) }?.kind
                == .notFound, "the app's own settings are its owner's")
        #expect(try s.sharedApps(zed).map { "\($0.ownerLabel)/\($0.app.id)" } == ["acme/support"])
        let stranger = try setup.fixture.user("stranger")
        #expect(coreError { _ = try s.apps(stranger, in: acme, query: AppQuery()) } == .notFound("no organization acme"))
        #expect(coreError { _ = try s.models(stranger, in: acme, appID: "support") } == .notFound("no organization acme"))
    }

    @Test("collaborators are added by email or username, changed, removed, and can leave; managers only")
    func lifecycle() throws {
        let setup = try Setup(scopes: nil)
        let s = setup.fixture.service, admin = setup.admin, acme = setup.acme, zed = setup.zed
        #expect(coreError { try s.addCollaborator(admin, in: acme, appID: "support", login: "nobody@example.com", scopes: [.predict]) }?.kind
                == .notFound)
        try s.addCollaborator(admin, in: acme, appID: "support", login: "zed", scopes: [.predict])
        #expect(coreError { try s.addCollaborator(admin, in: acme, appID: "support", login: "ZED@example.com", scopes: [.predict]) }?.kind
                == .conflict)
        try s.updateCollaborator(admin, in: acme, appID: "support", username: "zed", scopes: [.predict, .modelsRead])
        #expect(try s.collaborators(admin, in: acme, appID: "support").map(\.scopes) == [[.predict, .modelsRead]])
        let user = try #require(try s.members(admin, organizationID: "acme").first { $0.role == .orgUser })
        let orgUser = Session(user: user.user, source: .tui)
        // Whom an app cannot be shared with is said before the scopes are picked: an Admin or an
        // Organization Contributor reaches every app of the organization with every right already.
        #expect(try s.refusalToShare(admin, in: acme, appID: "support", login: admin.user.username)
                == "\(admin.user.username) is Admin of acme and reaches its apps with every right already: "
                + "collaborators are given what their role does not")
        #expect(coreError { try s.addCollaborator(admin, in: acme, appID: "support", login: admin.user.username, scopes: [.predict]) }?.kind
                == .conflict)
        #expect(try s.refusalToShare(admin, in: acme, appID: "support", login: "nobody")?.hasPrefix("no account nobody") == true)
        #expect(try s.refusalToShare(admin, in: acme, appID: "support", login: "zed") == "zed already collaborates on support: change their scopes instead")
        #expect(try s.refusalToShare(admin, in: acme, appID: "support", login: user.user.username) == nil,
                "an Organization User may be given more than the role gives")
        #expect(coreError { try s.addCollaborator(orgUser, in: acme, appID: "support", login: "zed", scopes: [.predict]) }?.kind == .forbidden)
        #expect(coreError { _ = try s.collaborators(zed, in: acme, appID: "support") }?.kind == .notFound)
        try s.leaveCollaboration(zed, in: acme, appID: "support")
        #expect(coreError { _ = try s.models(zed, in: acme, appID: "support") }?.kind == .notFound)
        try s.addCollaborator(admin, in: acme, appID: "support", login: "zed", scopes: [.predict])
        try s.removeCollaborator(admin, in: acme, appID: "support", username: "zed")
        #expect(try s.sharedApps(zed).isEmpty)
        let actions = try setup.fixture.auditActions().map(\.action)
        for action in ["collaborator.add", "collaborator.update", "collaborator.leave", "collaborator.remove"] {
            #expect(actions.contains(action))
        }
    }

    @Test("a personal app is shared by its owner and reached as @owner; the owner pays for the collaborator's predictions")
    func personalApp() throws {
        let f = try Fixture()
        let ada = try f.user("ada"), zed = try f.user("zed")
        let s = f.service
        _ = try s.createApp(ada, in: .personal, id: "sandbox", name: "", description: "")
        _ = try s.createModel(ada, in: .personal, appID: "sandbox", id: "tags", name: "", type: .keywordTagger, keywords: ["x": ["refund"]])
        _ = try s.trainModel(ada, in: .personal, appID: "sandbox", modelID: "tags")
        try s.runNextTrainingJob(worker: "w")
        #expect(coreError { _ = try s.models(zed, in: .user("ada"), appID: "sandbox") }?.kind == .notFound)
        try s.addCollaborator(ada, in: .personal, appID: "sandbox", login: "zed", scopes: [.predict])
        _ = try s.predict(zed, in: .user("ada"), appID: "sandbox", modelID: "tags", texts: ["refund"])
        #expect(try f.usage().last?.owner == "u:\(ada.user.id)")
        #expect(try s.sharedApps(zed).first?.context == .user("ada"))
        #expect(coreError { try s.addCollaborator(ada, in: .personal, appID: "sandbox", login: "ada", scopes: [.predict]) }?.kind == .conflict)
    }

    @Test("a read refused again in the same way is audited once a minute; each refused write is audited")
    func repeatedRefusedReads() throws {
        let setup = try Setup(scopes: [.modelsRead])
        let s = setup.fixture.service, acme = setup.acme, zed = setup.zed
        func denied() throws -> Int { try setup.fixture.auditActions().filter { $0.outcome == "denied" }.count }
        let before = try denied()
        // A console re-reading a list whose access ended elsewhere: each re-read is refused.
        for _ in 0..<5 {
            #expect(coreError { _ = try s.inputs(zed, in: acme, appID: "support", query: InputQuery()) }?.kind == .forbidden)
        }
        #expect(try denied() == before + 1)
        // Another refused read is its own entry.
        #expect(coreError { _ = try s.workflows(zed, in: acme, appID: "support") }?.kind == .forbidden)
        #expect(try denied() == before + 2)
        setup.fixture.clock.advance(RepeatedDenials.window)
        #expect(coreError { _ = try s.inputs(zed, in: acme, appID: "support", query: InputQuery()) }?.kind == .forbidden)
        #expect(try denied() == before + 3)
        // Writes are attempts of their own, each recorded.
        for _ in 0..<2 {
            #expect(coreError { _ = try s.createWorkflow(zed, in: acme, appID: "support", id: "w", name: "",
                                                         graph: WorkflowGraph(nodes: [], edges: [])) }?.kind == .forbidden)
        }
        #expect(try denied() == before + 5)
    }
}
