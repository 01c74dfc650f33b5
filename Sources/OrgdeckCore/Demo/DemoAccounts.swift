/// The accounts the demo database holds; the README lists them.
public enum DemoAccounts {
    /// Password of every demo account.
    public static let password = "orgdeck-demo"
    /// The demo organization's ID.
    public static let organizationID = "acme"
    /// The Admin the console signs in as.
    public static let admin = "ada"
}
