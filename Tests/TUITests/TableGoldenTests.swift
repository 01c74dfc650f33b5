import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// Every table at 80×24, 120×40 and 200×60: identifiers whole, less important columns hidden
/// when narrow and back when wide.
@Suite struct TableGoldenTests {
    static let sizes = Golden.sizes.map { "\($0.0)x\($0.1)" }

    func size(_ name: String) -> (Int, Int) {
        let parts = name.split(separator: "x").compactMap { Int($0) }
        return (parts[0], parts[1])
    }

    @Test(arguments: sizes) func myAppsList(size: String) throws {
        let f = try AdminScreenFixture()
        let console = f.base.console()
        console.switchContext(.organization("acme"))
        console.send(.toggleView)
        let (width, height) = self.size(size)
        Golden.check("apps-list-\(size)", ScreenFixture.render(console, width: width, height: height))
    }

    @Test(arguments: sizes) func members(size: String) throws {
        let (width, height) = self.size(size)
        Golden.check("members-\(size)", ScreenFixture.render(try AdminScreenFixture().account(.members), width: width, height: height))
    }

    @Test(arguments: sizes) func teams(size: String) throws {
        let (width, height) = self.size(size)
        Golden.check("teams-\(size)", ScreenFixture.render(try AdminScreenFixture().account(.teams), width: width, height: height))
    }

    @Test(arguments: sizes) func invitations(size: String) throws {
        let (width, height) = self.size(size)
        Golden.check("invitations-\(size)", ScreenFixture.render(try AdminScreenFixture().account(.invitations), width: width, height: height))
    }

    @Test(arguments: sizes) func teamMembersAndApps(size: String) throws {
        let (width, height) = self.size(size)
        let console = try AdminScreenFixture().account(.teams)
        console.send(.open)
        Golden.check("team-members-\(size)", ScreenFixture.render(console, width: width, height: height))
        console.send(.nextFocus)
        Golden.check("team-apps-\(size)", ScreenFixture.render(console, width: width, height: height))
    }

    @Test(arguments: sizes) func concepts(size: String) throws {
        let f = try ScreenFixture()
        let acme = Context.organization("acme")
        let console = f.console()
        console.switchContext(acme)
        let appID = try #require(console.myApps?.state.selected?.id)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-concepts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("tickets.csv")
        try Data("text,concepts\nRefund my card,billing\nCharged twice,billing;urgent\nParcel is late,shipping\n".utf8).write(to: csv)
        _ = try f.service.uploadInputs(f.ada, in: acme, appID: appID, paths: [csv.path])
        _ = try f.service.createConcept(f.ada, in: acme, appID: appID, id: "account-access",
                                        name: "Account access, sign-in and password reset problems")
        console.send(.open)
        console.send(.selectSection(2))
        let (width, height) = self.size(size)
        Golden.check("concepts-\(size)", ScreenFixture.render(console, width: width, height: height))
    }

    @Test(arguments: sizes) func tokens(size: String) throws {
        let f = try AdminScreenFixture()
        _ = try f.service.createToken(f.base.ada, description: "deploys from the release pipeline", scopes: [], expiresInDays: 30)
        _ = try f.service.createToken(f.base.ada, description: "ci", scopes: [], expiresInDays: 90)
        let console = f.base.console()
        console.send(.selectPane(.security))
        let (width, height) = self.size(size)
        // A token's last four characters are random: the golden shows them as ####.
        let rows = ScreenFixture.render(console, width: width, height: height).map {
            $0.replacingOccurrences(of: #"odk_…[0-9A-Za-z]{4}"#, with: "odk_…####", options: .regularExpression)
        }
        Golden.check("tokens-\(size)", rows)
    }

    @Test(arguments: sizes) func personalOrganizations(size: String) throws {
        let f = try AdminScreenFixture()
        let console = f.base.console()
        console.send(.selectPane(.account))
        let (width, height) = self.size(size)
        Golden.check("personal-\(size)", ScreenFixture.render(console, width: width, height: height))
    }

    @Test func columnsHideByPriorityAndIdentifiersAreCutLast() {
        let columns = [TableColumn("ID", min: 6, priority: 10, identifier: true), TableColumn("Name", min: 6, priority: 8),
                       TableColumn("Notes", min: 10, priority: 2)]
        let content = [20, 30, 40]
        #expect(TableLayout.widths(columns, content: content, available: 100) == [20, 30, 40], "room for all")
        #expect(TableLayout.widths(columns, content: content, available: 72) == [20, 30, 20], "essentials whole, then the rest")
        #expect(TableLayout.widths(columns, content: content, available: 60) == [20, 30, nil],
                "the optional column gives way rather than cut the name")
        #expect(TableLayout.widths(columns, content: content, available: 40) == [20, 19, nil], "the identifier whole, the name cut")
        let tiny = TableLayout.widths(columns, content: content, available: 12)
        #expect(tiny == [12, nil, nil], "one column left, cut to fit")
        #expect(TableLayout.widths(columns, content: content, available: 0) == [nil, nil, nil])
        // An email cut at its minimum takes room from the less important name, down to half
        // the name's minimum; a column of bounded values (a role) lends nothing.
        let members = [TableColumn("User", min: 8, priority: 10, identifier: true), TableColumn("Name", min: 12, priority: 7),
                       TableColumn("Email", min: 16, priority: 9, identifier: true), TableColumn("Role", min: 10, max: 16, priority: 8)]
        #expect(TableLayout.widths(members, content: [8, 20, 23, 10], available: 50) == [8, 6, 23, 10])
        #expect(TableLayout.widths(members, content: [8, 20, 30, 10], available: 60) == [8, 9, 30, 10], "the name keeps what is spare")
        #expect(TableLayout.widths(members, content: [8, 20, 30, 10], available: 50) == [8, 12, 17, 10],
                "no name is cut for an email that would stay cut")
    }

    @Test func anIdentifierTakesTheRoomOnlyATitleUses() {
        // Starred at 60 columns: "Visibility" over "public"/"private" is 3 wider than its cells.
        let starred = [TableColumn("ID", min: 8, priority: 10, identifier: true), TableColumn("App", min: 8, priority: 9, identifier: true),
                       TableColumn("Owner", min: 8, max: 24, priority: 8), TableColumn("Kind", min: 15, max: 19, priority: 7),
                       TableColumn("Visibility", min: 10, max: 10, priority: 6)]
        let width = TableLayout.widths(starred, content: [13, 14, 4, 15, 7], available: 58)
        #expect(width[1] == 14, "support-triage whole: \(width)")
        #expect(width[4] == 7, "the title is cut to what its cells need")
        let roomy = TableLayout.widths(starred, content: [13, 14, 4, 15, 7], available: 80)
        #expect(roomy[4] == 10, "with room, the title stays whole")
    }

    @Test func anInputsLongTextLeavesItsConceptsWhole() {
        // Inputs at 120 columns (98 beside the sidebar): texts of 200 characters, concepts of 28.
        let width = TableLayout.widths(InputsView.columns, content: [15, 28, 200, 30, 10], available: 98)
        #expect(width[1] == 28, "the concepts whole, the text takes what is left: \(width)")
        #expect(width[2].map { $0 >= 30 } == true)
    }

    @Test func oneLongCellIsCutRatherThanEveryOtherColumn() {
        let members = [TableColumn("User", min: 8, priority: 10, identifier: true), TableColumn("Name", min: 12, priority: 7),
                       TableColumn("Email", min: 16, priority: 9, identifier: true), TableColumn("Role", min: 10, max: 16, priority: 8),
                       TableColumn("Joined", min: 10, max: 10, priority: 4)]
        // Fifteen members with emails up to 25 columns, and one of 100.
        let emails = Array(repeating: 20, count: 13) + [25, 100]
        #expect(TableLayout.typicalWidth(emails) == 25)
        #expect(TableLayout.typicalWidth([13, 8, 8]) == 13, "a few rows of like width have no outlier")
        #expect(TableLayout.typicalWidth([32, 14, 14]) == 14)
        let content = [9, 17, 25, 16, 10], longest = [9, 17, 100, 16, 10]
        let wide = TableLayout.widths(members, content: content, longest: longest, available: 100)
        #expect(wide == [9, 17, 44, 16, 10], "every name and role whole; the long email gets the room left, cut")
        #expect(TableLayout.widths(members, content: content, longest: longest, available: 200) == [9, 17, 100, 16, 10])
        // When the columns giving way would show the long cell whole, they do.
        #expect(TableLayout.widths(members, content: content, longest: [9, 17, 40, 16, 10], available: 90) == [9, 17, 40, 16, nil])
    }

    @Test func longerCellsGetTheRoomLeftSmallestShortfallFirstAndFillersLast() {
        func widths(_ columns: [TableColumn], _ cells: [[Int]], _ available: Int) -> [Int?] {
            TableLayout.widths(columns, content: cells.map(TableLayout.typicalWidth), longest: cells.map { $0.max() ?? 0 },
                               available: available)
        }
        // My Apps: one 64-column name among names of about 20; the name reaches its maximum
        // and the description takes the rest instead of giving way.
        let apps = [[14, 11, 10, 14, 15, 13, 15, 17, 16, 18, 12, 11, 13, 32, 6, 9],
                    [14, 11, 20, 20, 16, 16, 19, 18, 24, 22, 17, 16, 20, 64, 17, 12],
                    Array(repeating: 7, count: 16), [0, 0, 3, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                    [60, 50, 40, 45, 70, 44, 33, 55, 60, 61, 62, 0, 0, 0, 0, 0]]
        #expect(widths(AppListView.columns, apps, 116) == [32, 40, 7, 10, 23])
        // Activity at 200: one longer action does not hide the details.
        let activity = [Array(repeating: 16, count: 12), Array(repeating: 5, count: 11) + [32],
                        Array(repeating: 10, count: 11) + [20], Array(repeating: 14, count: 11) + [39],
                        Array(repeating: 2, count: 12), Array(repeating: 3, count: 12), Array(repeating: 30, count: 11) + [140]]
        let wide = widths(ActivityTable.columns, activity, 180)
        #expect(wide[2] == 20 && wide[1] == 24 && wide[3] == 39, "\(wide)")
        #expect(wide[6] != nil, "the details fill what is left")
        // Members: a team list a few columns short is whole before a 103-column email that
        // stays cut either way; with room to show the email whole by narrowing the teams, they narrow.
        let members = [TableColumn("User", min: 8, priority: 10, identifier: true), TableColumn("Email", min: 16, priority: 9, identifier: true),
                       TableColumn("Teams", min: 8, max: 24, priority: 3)]
        let people = [Array(repeating: 8, count: 12), Array(repeating: 20, count: 11) + [103], Array(repeating: 6, count: 11) + [22]]
        #expect(widths(members, people, 100) == [8, 68, 22])
        #expect(widths(members, people, 120) == [8, 103, 7])
        #expect(widths(members, people, 140) == [8, 103, 22])
        // One long name that stays cut either way hides no optional column; with room nobody
        // else needs, a name goes past its maximum to its widest cell.
        var named = [TableColumn("ID", min: 6, priority: 10, identifier: true), TableColumn("Name", min: 8, priority: 8),
                     TableColumn("Added", min: 10, max: 10, priority: 4)]
        let names = [Array(repeating: 10, count: 6), Array(repeating: 10, count: 5) + [73], Array(repeating: 10, count: 6)]
        #expect(widths(named, names, 60) == [10, 38, 10])
        named[1].max = 40
        #expect(widths(named, names, 120) == [10, 73, 10])
        // Invitations: two long emails of six are no outliers; a role cut by four columns takes
        // them from the email, which stays cut either way.
        let invites = [TableColumn("Email", min: 16, priority: 10, identifier: true), TableColumn("Role", min: 12, max: 16, priority: 8),
                       TableColumn("State", min: 9, max: 9, priority: 9)]
        let invited = [[20, 22, 18, 101, 95, 24], [8, 16, 15, 16, 12, 8], Array(repeating: 7, count: 6)]
        #expect(widths(invites, invited, 80) == [55, 16, 7])
    }
}
