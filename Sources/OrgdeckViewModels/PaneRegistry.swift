import OrgdeckCore

/// Builds the model of each screen: the one place a new pane or page is registered.
enum PaneRegistry {
    /// `viewport` is the body the model will be drawn in, so its first read fits the screen.
    static func make(_ screen: Screen, _ env: PaneEnvironment, previousApps: MyAppsState?, firstFrame: Bool,
                     viewport: (rows: Int, columns: Int)) -> any PaneModel {
        switch screen {
        case .pane(.myApps): return MyAppsViewModel(env: env, like: previousApps, countNow: !firstFrame, viewport: viewport)
        case .pane(.account): return AccountViewModel(env: env)
        case .pane(.security): return SecurityPage(env: env)
        case .pane(.collaborations): return CollaborationsPane(env: env)
        case .pane(.starred): return StarredPane(env: env)
        case .pane(.billing): return BillingPage(env: env)
        case .app(let id): return AppPageViewModel(env: env, appID: id)
        case .team(let id): return TeamPageViewModel(env: env, teamID: id)
        case .model(let ref): return ModelPageViewModel(env: env, ref: ref)
        case .sharedApp(let ref): return AppPageViewModel(env: env.reaching(ref.context), appID: ref.appID, screen: .sharedApp(ref))
        case .workflow(let ref): return WorkflowPageViewModel(env: env.reaching(ref.context), ref: ref)
        }
    }
}
