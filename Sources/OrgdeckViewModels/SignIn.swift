import OrgdeckCore

/// The first screen: sign in, or create an account; and, when the password breaks the policy
/// now in force or has expired, the password change that comes before anything else.
public struct SignInState: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case signIn, signUp, changePassword }
    public var mode: Mode
    public var form: FormState
    /// The signed-in session waiting for the password change.
    public var pending: Session?

    /// The forced change for `session`, saying why.
    public static func changePassword(_ session: Session, reason: String, requirements: String) -> SignInState {
        var state = SignInState(mode: .changePassword)
        state.pending = session
        state.form = FormState(title: "Change your password", fields: [
            FormField(key: "current", label: "Current password", secure: true, maxLength: 200),
            FormField(key: "new", label: "New password", secure: true, hint: requirements, maxLength: 200),
            FormField(key: "repeat", label: "New password again", secure: true, maxLength: 200),
        ], submitLabel: "Change password")
        state.form.error = "Change your password first: \(reason)"
        return state
    }

    public init(mode: Mode = .signIn, login: String = "") {
        self.mode = mode
        switch mode {
        case .signIn:
            form = FormState(title: "Sign in to orgdeck", fields: [
                FormField(key: "login", label: "Username or email", value: login, maxLength: 254),
                FormField(key: "password", label: "Password", secure: true, maxLength: 200),
            ], submitLabel: "Sign in")
        case .signUp, .changePassword:
            // A login typed before switching is kept: an email as the email, else the username.
            let email = login.contains("@")
            form = FormState(title: "Create your account", fields: [
                FormField(key: "username", label: "Username", value: email ? "" : login, hint: "a-z, 0-9, - and _; at most 32",
                          maxLength: 32),
                FormField(key: "display_name", label: "Display name", maxLength: 100),
                FormField(key: "email", label: "Email", value: email ? login : "", maxLength: 254),
                FormField(key: "password", label: "Password", secure: true, hint: PasswordPolicy().requirements, maxLength: 200),
            ], submitLabel: "Sign up")
        }
        if !login.isEmpty { form.focus = 1 }
    }

    /// The other of sign-in and sign-up, keeping what was typed as the login: the username
    /// (or the email) going to sign-in, the login going to sign-up. Passwords are not carried.
    public func switched() -> SignInState {
        switch mode {
        case .signIn: return SignInState(mode: .signUp, login: form.value("login"))
        case .signUp:
            let username = form.value("username")
            return SignInState(mode: .signIn, login: username.isEmpty ? form.value("email") : username)
        case .changePassword: return self
        }
    }
}
