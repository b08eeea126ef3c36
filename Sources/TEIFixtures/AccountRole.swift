/// What an account of the fictional operation does; each role carries one planted finding.
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
}
