/// The first screen: sign in, or create an account.
public struct SignInState: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case signIn, signUp }
    public var mode: Mode
    public var form: FormState

    public init(mode: Mode = .signIn, login: String = "") {
        self.mode = mode
        switch mode {
        case .signIn:
            form = FormState(title: "Sign in to orgdeck", fields: [
                FormField(key: "login", label: "Username or email", value: login, maxLength: 254),
                FormField(key: "password", label: "Password", secure: true, maxLength: 200),
            ], submitLabel: "Sign in")
        case .signUp:
            form = FormState(title: "Create your account", fields: [
                FormField(key: "username", label: "Username", hint: "a-z, 0-9, - and _; at most 32", maxLength: 32),
                FormField(key: "name", label: "Display name", maxLength: 100),
                FormField(key: "email", label: "Email", maxLength: 254),
                FormField(key: "password", label: "Password", secure: true, hint: "at least 8 characters", maxLength: 200),
            ], submitLabel: "Sign up")
        }
        if !login.isEmpty { form.focus = 1 }
    }
}
