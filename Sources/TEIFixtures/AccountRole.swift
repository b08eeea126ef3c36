/// What an account does; each operation role carries one planted finding.
public enum AccountRole: String, Sendable {
    /// An ordinary operation account.
    case regular
    /// Created inside the few-day creation cluster.
    case clusterMember
    /// Created inside the creation cluster and also posting the copy-paste bursts.
    case copyPaster
    /// Mostly retweets a few outside accounts.
    case amplifier
    /// A big unhashed account: numeric id, readable name, more than 5,000 followers.
    case flagship
    /// Posts only on a fixed schedule (every N minutes), through an automation app.
    case scheduled
    /// An old account, created years earlier by someone else, whose profile (language, description)
    /// still shows its first life while it tweets for the operation.
    case repurposed
    /// An ordinary account of the control group, not part of any operation.
    case ordinary
}
