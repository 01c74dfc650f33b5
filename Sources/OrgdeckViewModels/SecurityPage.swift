import OrgdeckCore

/// The Security pane: in the personal context the user's Tokens, SSH keys and Sign-ins; in an
/// organization its Password policy and Identity providers. A sidebar
/// like Account's.
public final class SecurityPage: SectionedPage {
    let env: PaneEnvironment

    public init(env: PaneEnvironment) {
        self.env = env
        let sections: [any SectionModel] = env.context.organizationID != nil
            ? [PasswordPolicySection(env: env), IdentityProvidersSection(env: env)]
            : [TokensSection(env: env), SSHKeysSection(env: env), SignInHistorySection(env: env)]
        super.init(screen: .pane(.security), sections: sections)
        _ = reload()
    }

    public var context: Context { env.context }
}
