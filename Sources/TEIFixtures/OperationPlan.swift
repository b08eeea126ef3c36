/// The sizes and dates of the planted findings for one release, derived from its spec alone so that
/// the README can state them and the tests can check them.
struct OperationPlan {
    /// First of the `clusterDayCount` days on which the cluster accounts were created.
    let clusterFirstDay: Int
    let clusterDayCount = 3
    /// Accounts created in the cluster (copy-pasters included).
    let clusterSize: Int
    /// Cluster accounts that also post the copy-paste bursts.
    let copyPasterCount: Int
    let amplifierCount: Int
    let flagshipCount: Int
    /// Outside accounts the amplifiers mostly retweet.
    let amplifiedTargetCount = 3
    /// Bursts of identical texts, each posted by 7–12 copy-pasters within 5 minutes.
    let burstCount: Int
    /// The hashtag of the campaign and the first of the three days on which it spikes.
    let campaignHashtag = "FreedoniaFirst"
    let campaignFirstDay: Int
    let campaignDayCount = 3
    /// Campaign tweets in total, and how many of them fall inside the spike.
    let campaignTweetCount: Int
    let campaignSpikeTweetCount: Int

    init(spec: ReleaseSpec) {
        let accounts = spec.accountCount
        let planted = spec.tweetCount >= 400
        // Tiny populations (the malformed samples) get no planted roles, only a flagship or two.
        let roomForRoles = accounts >= 60
        flagshipCount = roomForRoles ? max(5, accounts / 250) : accounts / 3
        clusterSize = roomForRoles ? max(24, accounts / 12) : 0
        copyPasterCount = min(clusterSize, 12)
        amplifierCount = roomForRoles ? max(15, accounts / 15) : 0
        clusterFirstDay = spec.firstTweetDay - 130
        burstCount = planted && copyPasterCount >= 7 ? max(6, spec.tweetCount / 1500) : 0
        campaignTweetCount = planted ? max(60, spec.tweetCount * 3 / 100) : 0
        campaignSpikeTweetCount = campaignTweetCount * 3 / 4
        // A Tuesday to Thursday window about 60% into the period: office days for every account.
        let rough = spec.firstTweetDay + (spec.lastTweetDay - spec.firstTweetDay) * 3 / 5
        campaignFirstDay = rough - CivilTime.weekday(ofDay: rough) + 1
    }

    /// The most burst tweets a release of this plan holds (bursts use 7 to 12 copy-pasters).
    var maximumBurstTweets: Int { burstCount * 12 }
}
