/// One account of the operation, with its fields already in the form its release writes them.
struct Account {
    let numericID: UInt64
    /// The `userid` value: the numeric id, or a hash for accounts under 5,000 followers.
    let userID: String
    let displayName: String
    let screenName: String
    let location: String
    let profileDescription: String
    let profileURL: String
    let followerCount: Int
    let followingCount: Int
    let creationDay: Int
    let language: String
    let role: AccountRole
    let preferredClient: String
    /// Posts on Moscow office hours (weekdays 09:00–18:00 UTC+3) rather than around the clock.
    let keepsOfficeHours: Bool

    var isHashed: Bool { userID != String(numericID) }
}
