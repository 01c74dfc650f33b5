import OrgdeckCore

/// The Billing pane (PRODUCT.md §7) with a sidebar like Account's. An organization's Admins,
/// and anyone in their personal account, see the whole bill: Overview, By member (an
/// organization's), By app, By operation, Invoices, Settings and Activity. Other members see
/// their own usage and their own activity. `[` and `]` move the month the figures are about.
public final class BillingPage: SectionedPage {
    let env: PaneEnvironment
    /// Whose figures the page shows: the whole account's, or the member's own.
    public let scope: BillingScope
    /// The month the Overview and the breakdowns are about.
    public private(set) var month: BillingMonth

    public init(env: PaneEnvironment) {
        self.env = env
        let month = BillingMonth(containing: env.service.currentDate)
        self.month = month
        let whole = env.role == nil || env.role == .admin
        scope = env.role == nil ? .personal : whole ? .organization : .member
        var sections: [any SectionModel] = []
        let current = { [month] in month }
        sections.append(BillingOverviewSection(env: env, month: current))
        if whole {
            if env.role != nil { sections.append(BreakdownSection(env: env, dimension: .member, month: current)) }
            sections += [BreakdownSection(env: env, dimension: .app, month: current),
                         BreakdownSection(env: env, dimension: .operation, month: current),
                         InvoicesSection(env: env), BillingSettingsSection(env: env)]
        }
        sections.append(ActivitySection(env: env, screen: .pane(.billing)))
        super.init(screen: .pane(.billing), sections: sections)
        rebindMonth()
        _ = reload()
    }

    /// Sections read the page's month through this closure, so `[` and `]` move them all.
    private func rebindMonth() {
        for section in sections {
            (section as? MonthlySection)?.month = { [unowned self] in self.month }
        }
    }

    /// Whether the section in front is about one month.
    var showsMonth: Bool { section is MonthlySection }

    /// The month the account began (its organization's, or the user's own): nothing was billed
    /// before it, so `[` stops there instead of showing empty months without end.
    private lazy var firstMonth: BillingMonth = {
        let created = env.context.organizationID.flatMap { try? env.service.organization(env.session, id: $0).createdAt }
            ?? env.session.user.createdAt
        return BillingMonth(containing: created)
    }()

    override func pageSend(_ event: ConsoleEvent) -> [Reaction]? {
        guard showsMonth else { return nil }
        switch event {
        case .previousPeriod:
            guard firstMonth < month else { return refused("\(firstMonth.label) is the account's first month") }
            month = month.previous
        case .nextPeriod:
            let current = BillingMonth(containing: env.service.currentDate)
            guard month < current else { return refused("\(current.label) is the current month") }
            month = month.next
        default: return nil
        }
        // Another month lists other lines: one missing there was not changed elsewhere.
        _ = section.reload()
        return []
    }

    override var pageCommands: [PaneCommand] {
        guard showsMonth else { return [] }
        let current = BillingMonth(containing: env.service.currentDate)
        return [PaneCommand(.previousPeriod, "previous month", refusal: firstMonth < month ? nil : "this is the account's first month"),
                PaneCommand(.nextPeriod, "next month", refusal: month < current ? nil : "this is the current month")]
    }
}

/// A section whose figures are about the page's month.
protocol MonthlySection: AnyObject {
    var month: () -> BillingMonth { get set }
}
