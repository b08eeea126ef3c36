/// One account of a generated file (operation or control), with its fields already in the form its release writes them.
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
    /// The `account_language` of the profile.
    let language: String
    /// The language the account's tweets are written in (mostly): its profile's, except for a
    /// repurposed account, which keeps the profile of its first owner.
    let postingLanguage: String
    let role: AccountRole
    let preferredClient: String
    let habit: PostingHabit

    /// Minutes between tweets of an account that posts on a schedule.
    var postingInterval: Int? {
        if case .scheduled(let minutes) = habit { return minutes }
        return nil
    }

    var isHashed: Bool { userID != String(numericID) }
}
