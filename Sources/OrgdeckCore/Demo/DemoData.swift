/// The people and apps of the demo database: realistic, fixed, and documented in the README.
enum DemoData {
    struct Person {
        let username: String
        let displayName: String
        /// nil: outside the demo organization.
        let role: Role?
    }

    struct DemoApp {
        let id: String
        let name: String
        let description: String
        /// How long ago it was last updated, in days.
        let updatedDaysAgo: Double
    }

    static let organizationName = "Acme Robotics"
    static let emailDomain = "acme-robotics.example"

    static let people: [Person] = [
        Person(username: DemoAccounts.admin, displayName: "Ada Lovelace", role: .admin),
        Person(username: "hedy", displayName: "Hedy Lamarr", role: .admin),
        Person(username: "grace", displayName: "Grace Hopper", role: .orgContributor),
        Person(username: "alan", displayName: "Alan Turing", role: .orgContributor),
        Person(username: "katherine", displayName: "Katherine Johnson", role: .orgContributor),
        Person(username: "margaret", displayName: "Margaret Hamilton", role: .orgContributor),
        Person(username: "dennis", displayName: "Dennis Ritchie", role: .orgUser),
        Person(username: "barbara", displayName: "Barbara Liskov", role: .orgUser),
        Person(username: "edsger", displayName: "Edsger Dijkstra", role: .orgUser),
        Person(username: "radia", displayName: "Radia Perlman", role: .teamContributor),
        Person(username: "ken", displayName: "Ken Thompson", role: .teamContributor),
        Person(username: "frances", displayName: "Frances Allen", role: .teamContributor),
        Person(username: "olivia", displayName: "Olivia Chen", role: nil),
    ]

    static let apps: [DemoApp] = [
        DemoApp(id: "support-triage", name: "Support Triage",
                description: "Routes incoming support tickets to the billing, hardware or software queue from their text.",
                updatedDaysAgo: 0.1),
        DemoApp(id: "invoice-ocr", name: "Invoice OCR",
                description: "Reads scanned supplier invoices and extracts totals, due dates and VAT numbers.",
                updatedDaysAgo: 0.6),
        DemoApp(id: "moderation", name: "Community Moderation",
                description: "Flags abusive or off-topic posts in the customer forum before they go live.",
                updatedDaysAgo: 1.2),
        DemoApp(id: "weld-defects", name: "Weld Defect Detector",
                description: "Spots porosity and cracks in weld seam photos from the assembly line cameras.",
                updatedDaysAgo: 2.5),
        DemoApp(id: "review-sentiment", name: "Review Sentiment",
                description: "Scores web shop product reviews as positive, neutral or negative.",
                updatedDaysAgo: 3.4),
        DemoApp(id: "parts-catalog", name: "Parts Catalog Tagger",
                description: "Tags spare-part descriptions with category, material and compatible robot models.",
                updatedDaysAgo: 4.8),
        DemoApp(id: "warranty-claims", name: "Warranty Claims",
                description: "Sorts warranty claims into approve, inspect and reject, with the reason for each.",
                updatedDaysAgo: 6.1),
        DemoApp(id: "sales-email-intent", name: "Sales Email Intent",
                description: "Detects quote requests, orders and cancellations in the shared sales inbox.",
                updatedDaysAgo: 8.3),
        DemoApp(id: "safety-incidents", name: "Safety Incident Reports",
                description: "Classifies shop-floor incident reports by severity for the safety officer.",
                updatedDaysAgo: 9.7),
        DemoApp(id: "resume-keywords", name: "Résumé Keywords",
                description: "Extracts skills and certifications from applications to the robotics team.",
                updatedDaysAgo: 12.2),
        DemoApp(id: "lidar-labels", name: "Lidar Scene Labels",
                description: "Concept vocabulary for labelling warehouse lidar scans: pallet, person, forklift, rack.",
                updatedDaysAgo: 15.0),
        DemoApp(id: "help-center-faq", name: "Help Center FAQ",
                description: "Matches customer questions to the forty most asked answers of the help center.",
                updatedDaysAgo: 18.4),
        DemoApp(id: "firmware-crash-logs", name: "Firmware Crash Logs",
                description: "Groups crash logs from robot controllers by their likely root cause.",
                updatedDaysAgo: 21.9),
        DemoApp(id: "manual-translation-qa", name: "Manual Translation QA",
                description: "Checks translated user manuals for untranslated or mistranslated technical terms.",
                updatedDaysAgo: 26.3),
        DemoApp(id: "churn-signals", name: "Churn Signals",
                description: "Finds cancellation risk in account manager notes and support chats.",
                updatedDaysAgo: 33.0),
    ]

    /// The admin's personal app, and the outsider's.
    static let adminPersonalApp = DemoApp(
        id: "ada-sandbox", name: "Ada's Sandbox",
        description: "Scratch app for trying new concept sets before proposing them to the team.", updatedDaysAgo: 1.8)
    static let outsiderPersonalApp = DemoApp(
        id: "recipe-tagger", name: "Recipe Tagger",
        description: "Weekend experiment: tags recipes by cuisine and diet.", updatedDaysAgo: 5.5)

    /// (username, app ID) pairs pinned in the demo.
    static let pins: [(String, String)] = [
        (DemoAccounts.admin, "support-triage"), (DemoAccounts.admin, "invoice-ocr"), ("grace", "weld-defects"),
    ]
}

// MARK: - Teams, labels and invitations
extension DemoData {
    struct DemoTeam {
        let id: String
        let name: String
        let requiredLabels: [String]
        let members: [String]
        let apps: [(String, TeamAppRole)]
    }

    struct DemoInvitation {
        let email: String
        let role: Role
        let teams: [String]
        /// Days before the seed's "now" it was sent.
        let sentDaysAgo: Double
        /// nil: still pending (or expired, when sent long enough ago).
        let accepted: Bool
    }

    /// Teams: Team Contributors reach exactly these apps.
    static let teams: [DemoTeam] = [
        DemoTeam(id: "vision", name: "Vision", requiredLabels: [], members: ["radia", "grace"],
                 apps: [("weld-defects", .contributor), ("lidar-labels", .contributor), ("parts-catalog", .viewer)]),
        DemoTeam(id: "support", name: "Customer Support", requiredLabels: [], members: ["ken", "frances"],
                 apps: [("support-triage", .contributor), ("help-center-faq", .viewer), ("moderation", .viewer)]),
        DemoTeam(id: "compliance", name: "Clinical Compliance", requiredLabels: ["hipaa"], members: ["frances"],
                 apps: [("safety-incidents", .contributor)]),
    ]

    /// Compliance labels on apps.
    static let labels: [(String, [String])] = [
        ("safety-incidents", ["hipaa"]), ("resume-keywords", ["gdpr"]), ("churn-signals", ["gdpr"]),
    ]

    /// The member who joined by accepting an invitation (the first of `invitations`).
    static let invitedMember = "frances"

    /// Invitations sent by the demo admin: one accepted (Frances), two pending (a new hire
    /// without an account, and Olivia, who has one), one expired.
    static let invitations: [DemoInvitation] = [
        DemoInvitation(email: "frances@\(emailDomain)", role: .teamContributor, teams: ["compliance"],
                       sentDaysAgo: 56, accepted: true),
        DemoInvitation(email: "newhire@acme.example", role: .teamContributor, teams: ["support"],
                       sentDaysAgo: 1.5, accepted: false),
        DemoInvitation(email: "olivia@example.org", role: .orgUser, teams: [], sentDaysAgo: 0.8, accepted: false),
        DemoInvitation(email: "contractor@example.net", role: .orgContributor, teams: [], sentDaysAgo: 12, accepted: false),
    ]
}
