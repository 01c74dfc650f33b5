import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// A mutable clock the core reads through a closure.
final class AdminClock: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}

/// An in-memory core with the real migrations and a controllable clock, set up for the Account
/// pane: `ada` (Admin of `acme`), `bob` (Organization User), `cleo` (Organization Contributor),
/// `dan` (a user of no organization) and three organization apps.
struct AdminConsoleFixture {
    static let password = "correct-horse-1"
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    let clock: AdminClock
    let service: OrgService
    let ada: Session
    let bob: Session
    let cleo: Session
    let dan: Session

    init() throws {
        let clock = AdminClock(Self.start)
        self.clock = clock
        let service = try OrgService.inMemory(options: .init(clock: { clock.now }, passwordRounds: 1_000))
        self.service = service
        func user(_ name: String, _ display: String) throws -> Session {
            _ = try service.signUp(username: name, displayName: display, email: "\(name)@example.com", password: Self.password, source: .tui)
            return try service.signIn(login: name, password: Self.password, source: .tui)
        }
        ada = try user("ada", "Ada Lovelace")
        bob = try user("bob", "Bob Builder")
        cleo = try user("cleo", "Cleo Patra")
        dan = try user("dan", "Dan Brown")
        _ = try service.createOrganization(ada, id: "acme", name: "Acme Robotics", billingEmail: "billing@acme.test")
        try service.addMember(ada, organizationID: "acme", userID: bob.user.id, role: .orgUser)
        try service.addMember(ada, organizationID: "acme", userID: cleo.user.id, role: .orgContributor)
        for id in ["alpha", "beta", "gamma"] {
            _ = try service.createApp(ada, in: .organization("acme"), id: id, name: id.capitalized, description: "about \(id)")
        }
    }

    /// A console signed in as `session` (Ada by default), in `acme`, on the Account pane, its
    /// first frame painted.
    func account(_ session: Session? = nil, section: AccountSection = .profile) -> ConsoleViewModel {
        let console = ConsoleViewModel(service: service, session: session ?? ada)
        console.send(.firstFramePainted)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.account))
        for _ in AccountSection.allCases where console.account?.accountSection != section {
            console.send(.move(.right))
        }
        return console
    }

    /// A console signed in as `session` with the core's sign-in, as a user would from the first screen.
    func signInThroughTheScreen(_ login: String) -> ConsoleViewModel {
        let console = ConsoleViewModel(service: service, session: nil)
        console.send(.firstFramePainted)
        console.type(login)
        console.send(.nextFocus)
        console.type(Self.password)
        console.send(.submit)
        return console
    }

    func role(of username: String) throws -> Role? {
        try service.members(ada, organizationID: "acme").first { $0.user.username == username }?.role
    }
}

extension ConsoleViewModel {
    /// The sections of the Account pane, when in front.
    var members: ListSectionState<Member>? { (account?.section as? MembersSection)?.state }
    var teams: ListSectionState<Team>? { (account?.section as? TeamsSection)?.state }
    var invitations: ListSectionState<Invitation>? { (account?.section as? InvitationsSection)?.state }
    var invitationsVisible: Bool? { (account?.section as? InvitationsSection)?.visible }
    var organizationProfile: OrganizationProfileState? { (account?.section as? OrganizationProfileSection)?.state }
    var personalProfile: PersonalProfileState? { (account?.section as? PersonalProfileSection)?.state }

    var infoState: InfoState? {
        if case .info(let info) = state.overlay { return info }
        return nil
    }

    /// The labels of the footer's hints that are refused now, with why.
    var refusals: [String: String] {
        Dictionary(focusCommands.compactMap { command in command.refusal.map { (command.label, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    var formState: FormState? {
        if case .form(let form) = state.overlay { return form }
        return nil
    }

    var confirmState: ConfirmState? {
        if case .confirm(let confirm) = state.overlay { return confirm }
        return nil
    }

    var pickerState: PickerState? {
        if case .picker(let picker) = state.overlay { return picker }
        return nil
    }

    var inboxState: InboxState? {
        if case .inbox(let inbox) = state.overlay { return inbox }
        return nil
    }

    /// Moves the Account pane's cursor onto the row whose member has `username`.
    func selectMember(_ username: String) {
        guard let index = members?.list.rows.firstIndex(where: { $0.user.username == username }) else { return }
        send(.selectIndex(index))
    }

    /// Picks the picker option whose value is `value` (moving to it, then Enter).
    func pick(_ value: String) {
        guard let index = pickerState?.visible.firstIndex(where: { $0.value == value }) else {
            Issue.record("the open picker offers no \(value)")
            return
        }
        send(.selectIndex(index))
    }

    /// Fills the open form's fields in order (Tab between them), replacing their values.
    func fill(_ values: [String]) {
        for _ in 0..<(formState?.fields.count ?? 0) where formState?.focus != 0 { send(.previousFocus) }
        for (index, value) in values.enumerated() {
            if index > 0 { send(.nextFocus) }
            if formState?.fields[formState!.focus].choices.isEmpty == false {
                // A field of choices takes the letter a choice begins with, and nothing else.
                send(.text(String(value.prefix(1))))
                continue
            }
            send(.cursorEnd)
            while formState?.fields[formState!.focus].value.isEmpty == false { send(.backspace) }
            type(value)
        }
    }
}
