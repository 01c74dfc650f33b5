import Foundation
import Testing
@testable import OrgdeckCore

@Suite("Teams and siloed access")
struct TeamTests {
    static let org = Context.organization("acme")

    @Test("create, search, rename, delete; IDs unique and validated")
    func lifecycle() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let oc = members[.orgContributor]!
        let vision = try s.createTeam(oc, organizationID: "acme", id: "vision", name: "Vision")
        #expect(vision.version == 1 && vision.memberCount == 0 && vision.requiredLabels.isEmpty)
        _ = try s.createTeam(admin, organizationID: "acme", id: "support", name: "Customer Support")
        #expect(coreError { _ = try s.createTeam(admin, organizationID: "acme", id: "VISION", name: "X") }?.field == "id")
        #expect(coreError { _ = try s.createTeam(admin, organizationID: "acme", id: "bad id", name: "X") }?.field == "id")
        #expect(try s.teams(admin, organizationID: "acme", filter: "").map(\.id) == ["support", "vision"])
        #expect(try s.teams(admin, organizationID: "acme", filter: "CUSTOMER").map(\.id) == ["support"])
        #expect(try s.teams(admin, organizationID: "acme", filter: "vis").map(\.id) == ["vision"])
        let renamed = try s.renameTeam(admin, organizationID: "acme", id: "vision", name: "Machine Vision")
        #expect(renamed.name == "Machine Vision" && renamed.version == 2)
        #expect(try s.team(members[.teamContributor]!, organizationID: "acme", id: "Vision") == renamed)
        try s.deleteTeam(admin, organizationID: "acme", id: "vision")
        #expect(coreError { _ = try s.team(admin, organizationID: "acme", id: "vision") } == CoreError.notFound("no team vision in acme"))
        let actions = try f.auditActions().suffix(4).map(\.action)
        #expect(actions == ["team.create", "team.create", "team.rename", "team.delete"])
    }

    @Test("team members: only members of the organization; no duplicates")
    func teamMembers() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        _ = try f.user("outsider")
        _ = try s.createTeam(admin, organizationID: "acme", id: "t", name: "T")
        #expect(coreError { try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: "outsider") }
            == CoreError(.notFound, "no member outsider in acme", field: "username"))
        #expect(coreError { try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: "ghost") }?.kind == .notFound)
        let tc = members[.teamContributor]!.user.username
        try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: tc)
        #expect(coreError { try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: tc) }?.kind == .conflict)
        #expect(try s.teamMembers(admin, organizationID: "acme", teamID: "t").map(\.user.username) == [tc])
        try s.removeTeamMember(admin, organizationID: "acme", teamID: "t", username: tc)
        #expect(coreError { try s.removeTeamMember(admin, organizationID: "acme", teamID: "t", username: tc) }?.kind == .notFound)
    }

    @Test("team apps: only the organization's apps; re-adding changes the role")
    func teamApps() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        _ = try s.createApp(admin, in: .personal, id: "personal", name: "", description: "")
        _ = try s.createApp(admin, in: Self.org, id: "app", name: "", description: "")
        _ = try s.createTeam(admin, organizationID: "acme", id: "t", name: "T")
        #expect(coreError { try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: "personal", role: .viewer) }?
            .kind == .notFound)
        let tc = members[.teamContributor]!
        try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: tc.user.username)
        try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: "app", role: .viewer)
        #expect(!s.isAllowed(tc, .editAppContent, in: Self.org, appID: "app"))
        try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: "app", role: .contributor)
        #expect(try f.lastAudit().map { $0.action == "team.app_add" && $0.outcome == "ok" } == true)
        #expect(try s.teamApps(admin, organizationID: "acme", teamID: "t").map(\.role) == [.contributor])
        #expect(s.isAllowed(tc, .editAppContent, in: Self.org, appID: "app"))
        #expect(try s.team(admin, organizationID: "acme", id: "t").appCount == 1)
        try s.removeTeamApp(admin, organizationID: "acme", teamID: "t", appID: "app")
        #expect(coreError { try s.removeTeamApp(admin, organizationID: "acme", teamID: "t", appID: "app") }?.kind == .notFound)
        #expect(coreError { _ = try s.app(tc, in: Self.org, id: "app") }?.kind == .notFound)
        // Deleting an app takes it out of its teams.
        try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: "app", role: .viewer)
        try s.deleteApp(admin, in: Self.org, id: "app")
        #expect(try s.team(admin, organizationID: "acme", id: "t").appCount == 0)
    }

    @Test("a Team Contributor's team-app list shows only what they reach")
    func teamAppsForTeamContributor() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let tc = members[.teamContributor]!
        _ = try s.createApp(admin, in: Self.org, id: "secret", name: "", description: "")
        _ = try s.createTeam(admin, organizationID: "acme", id: "other", name: "Other")
        try s.addTeamApp(admin, organizationID: "acme", teamID: "other", appID: "secret", role: .viewer)
        #expect(try s.teamApps(tc, organizationID: "acme", teamID: "other").isEmpty)
        #expect(try s.teamApps(members[.orgUser]!, organizationID: "acme", teamID: "other").count == 1)
        #expect(try s.team(tc, organizationID: "acme", id: "other").appCount == 0, "the count says no more than the list")
        #expect(try s.teams(tc, organizationID: "acme", filter: "").first { $0.id == "other" }?.appCount == 0)
        #expect(try s.teams(members[.orgUser]!, organizationID: "acme", filter: "").first { $0.id == "other" }?.appCount == 1)
    }

    @Test("labels: validated, lower-cased, sorted; duplicates copy them; listing shows them")
    func labels() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        let app = try s.createApp(admin, in: Self.org, id: "app", name: "", description: "")
        let labelled = try s.labelApp(admin, in: Self.org, id: "app", labels: ["HIPAA", "gdpr", "gdpr"])
        #expect(labelled.labels == ["gdpr", "hipaa"])
        #expect(labelled.version == app.version + 1, "labels are part of the app's version")
        #expect(try s.app(admin, in: Self.org, id: "app").labels == ["gdpr", "hipaa"])
        #expect(try s.apps(admin, in: Self.org, query: AppQuery()).items.first?.labels == ["gdpr", "hipaa"])
        #expect(try f.lastAudit()?.action == "app.label")
        let count = try f.auditActions().count
        _ = try s.labelApp(admin, in: Self.org, id: "app", labels: ["hipaa"])  // nothing new: no entry
        #expect(try f.auditActions().count == count)
        #expect(coreError { _ = try s.labelApp(admin, in: Self.org, id: "app", labels: ["not ok"]) }?.field == "labels")
        #expect(coreError { _ = try s.labelApp(admin, in: Self.org, id: "app", labels: [String(repeating: "a", count: 33)]) }?
            .field == "labels")
        #expect(coreError { _ = try s.labelApp(admin, in: Self.org, id: "app", labels: []) }?.field == "labels")
        #expect(try s.duplicateApp(admin, in: Self.org, id: "app", newID: "copy", newName: nil).labels == ["gdpr", "hipaa"])
        #expect(try s.unlabelApp(admin, in: Self.org, id: "app", labels: ["gdpr"]).labels == ["hipaa"])
        #expect(try f.lastAudit()?.action == "app.unlabel")
        // Personal apps: the owner labels them.
        _ = try s.createApp(admin, in: .personal, id: "mine", name: "", description: "")
        #expect(try s.labelApp(admin, in: .personal, id: "mine", labels: ["pci"]).labels == ["pci"])
    }

    @Test("siloed access: a non-compliant app is refused, and the refusal audited")
    func refuseNonCompliantApp() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        _ = try s.createApp(admin, in: Self.org, id: "plain", name: "", description: "")
        _ = try s.createApp(admin, in: Self.org, id: "clinical", name: "", description: "")
        _ = try s.labelApp(admin, in: Self.org, id: "clinical", labels: ["hipaa"])
        _ = try s.createTeam(admin, organizationID: "acme", id: "compliance", name: "Compliance")
        let team = try s.setTeamPolicy(admin, organizationID: "acme", teamID: "compliance", requiredLabels: ["HIPAA"])
        #expect(team.requiredLabels == ["hipaa"])
        #expect(try f.lastAudit()?.action == "team.policy")
        #expect(coreError { try s.addTeamApp(admin, organizationID: "acme", teamID: "compliance", appID: "plain", role: .viewer) }
            == CoreError.conflict("app plain is not labelled hipaa, which team compliance requires"))
        let last = try #require(try f.lastAudit())
        #expect(last.action == "team.app_add" && last.outcome == "denied")
        #expect(try s.teamApps(admin, organizationID: "acme", teamID: "compliance").isEmpty)
        try s.addTeamApp(admin, organizationID: "acme", teamID: "compliance", appID: "clinical", role: .viewer)
        #expect(try s.teamApps(admin, organizationID: "acme", teamID: "compliance").map(\.id) == ["clinical"])
    }

    @Test("siloed access: removing a label a team requires is refused; other labels come off")
    func refuseLabelRemoval() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        _ = try s.createApp(admin, in: Self.org, id: "clinical", name: "", description: "")
        _ = try s.labelApp(admin, in: Self.org, id: "clinical", labels: ["hipaa", "gdpr"])
        _ = try s.createTeam(admin, organizationID: "acme", id: "compliance", name: "Compliance")
        _ = try s.setTeamPolicy(admin, organizationID: "acme", teamID: "compliance", requiredLabels: ["hipaa"])
        try s.addTeamApp(admin, organizationID: "acme", teamID: "compliance", appID: "clinical", role: .viewer)
        let tc = members[.teamContributor]!
        try s.addTeamMember(admin, organizationID: "acme", teamID: "compliance", username: tc.user.username)

        #expect(coreError { _ = try s.unlabelApp(admin, in: Self.org, id: "clinical", labels: ["hipaa", "gdpr"]) }
            == CoreError.conflict("team compliance requires hipaa: remove the app from the team first"))
        let last = try #require(try f.lastAudit())
        #expect(last.action == "app.unlabel" && last.outcome == "denied")
        #expect(try s.app(admin, in: Self.org, id: "clinical").labels == ["gdpr", "hipaa"])  // nothing removed
        #expect(try s.unlabelApp(admin, in: Self.org, id: "clinical", labels: ["gdpr"]).labels == ["hipaa"])
        #expect(try s.app(tc, in: Self.org, id: "clinical").labels == ["hipaa"])  // access intact
        // Out of the team, the label may go.
        try s.removeTeamApp(admin, organizationID: "acme", teamID: "compliance", appID: "clinical")
        #expect(try s.unlabelApp(admin, in: Self.org, id: "clinical", labels: ["hipaa"]).labels.isEmpty)
    }

    @Test("siloed access: a policy over non-compliant apps is refused and lists them")
    func refusePolicyOverNonCompliantApps() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        for id in ["a", "b", "c"] { _ = try s.createApp(admin, in: Self.org, id: id, name: "", description: "") }
        _ = try s.labelApp(admin, in: Self.org, id: "c", labels: ["hipaa", "gdpr"])
        _ = try s.labelApp(admin, in: Self.org, id: "b", labels: ["hipaa"])
        _ = try s.createTeam(admin, organizationID: "acme", id: "t", name: "T")
        for id in ["a", "b", "c"] { try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: id, role: .viewer) }
        let error = coreError { _ = try s.setTeamPolicy(admin, organizationID: "acme", teamID: "t", requiredLabels: ["hipaa", "gdpr"]) }
        #expect(error?.kind == .conflict)
        #expect(error?.message == "apps of team t are not labelled as required: a (lacks gdpr, hipaa), b (lacks gdpr); "
                + "label them or remove them from the team first")
        #expect(try f.lastAudit().map { $0.action == "team.policy" && $0.outcome == "denied" } == true)
        #expect(try s.team(admin, organizationID: "acme", id: "t").requiredLabels.isEmpty)
        // Clearing and compliant policies go through.
        try s.removeTeamApp(admin, organizationID: "acme", teamID: "t", appID: "a")
        #expect(try s.setTeamPolicy(admin, organizationID: "acme", teamID: "t", requiredLabels: ["hipaa"]).requiredLabels == ["hipaa"])
        #expect(try s.setTeamPolicy(admin, organizationID: "acme", teamID: "t", requiredLabels: []).requiredLabels.isEmpty)
    }

    @Test("access through a team whose policy the app does not meet is refused even if the data says otherwise")
    func accessNeedsCompliance() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let tc = members[.teamContributor]!
        _ = try s.createApp(admin, in: Self.org, id: "clinical", name: "", description: "")
        _ = try s.labelApp(admin, in: Self.org, id: "clinical", labels: ["hipaa"])
        _ = try s.createTeam(admin, organizationID: "acme", id: "t", name: "T")
        _ = try s.setTeamPolicy(admin, organizationID: "acme", teamID: "t", requiredLabels: ["hipaa"])
        try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: tc.user.username)
        try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: "clinical", role: .contributor)
        #expect(try s.apps(tc, in: Self.org, query: AppQuery()).total == 1)
        // Someone with the file strips the label behind the service's back.
        try f.raw { db in try db.execute(sql: "DELETE FROM app_labels") }
        #expect(try s.apps(tc, in: Self.org, query: AppQuery()).total == 0)
        #expect(!s.isAllowed(tc, .editAppContent, in: Self.org, appID: "clinical"))
    }
}
