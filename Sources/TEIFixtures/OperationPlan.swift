/// The sizes and dates of the planted findings for one release, derived from its spec alone so that
/// the README can state them and the tests can check them. A control group plans none.
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
    /// Accounts posting on a fixed schedule, one per interval of the cast.
    let scheduledCount: Int
    /// Tweets each scheduled account posts, one interval apart.
    let scheduledRunLength = 30
    /// Old accounts of someone else's, taken over by the operation.
    let repurposedCount: Int
    /// Outside accounts the amplifiers mostly retweet.
    let amplifiedTargetCount: Int
    /// Bursts of identical texts, each posted by 7–12 copy-pasters within 5 minutes.
    let burstCount: Int
    /// The hashtag of the campaign and the first of the three days on which it spikes.
    let campaignHashtag: String
    let campaignFirstDay: Int
    let campaignDayCount = 3
    /// Campaign tweets in total, and how many of them fall inside the spike.
    let campaignTweetCount: Int
    let campaignSpikeTweetCount: Int
    /// The minute from which the renamed flagship's retweets show its new handle.
    let renameMinute: Int
    let cast: OperationCast?

    init(spec: ReleaseSpec) {
        cast = spec.cast
        let accounts = spec.accountCount
        let isOperation = cast != nil
        let planted = isOperation && spec.tweetCount >= 400
        // Tiny populations (the malformed samples) get no planted roles, only a flagship or two.
        let roomForRoles = isOperation && accounts >= 60
        flagshipCount = !isOperation ? 0 : roomForRoles ? max(5, accounts / 250) : accounts / 3
        clusterSize = roomForRoles ? max(24, accounts / 12) : 0
        copyPasterCount = min(clusterSize, 12)
        amplifierCount = roomForRoles ? max(15, accounts / 15) : 0
        scheduledCount = roomForRoles ? cast!.scheduledIntervalsMinutes.count : 0
        repurposedCount = roomForRoles ? max(6, accounts / 50) : 0
        amplifiedTargetCount = isOperation ? 3 : 0
        clusterFirstDay = spec.firstTweetDay - 130
        burstCount = planted && copyPasterCount >= 7 ? max(6, spec.tweetCount / 1500) : 0
        campaignHashtag = cast?.campaignHashtag ?? ""
        campaignTweetCount = planted ? max(60, spec.tweetCount * 3 / 100) : 0
        campaignSpikeTweetCount = campaignTweetCount * 3 / 4
        // A Tuesday to Thursday window about 60% into the period: office days for every account.
        let rough = spec.firstTweetDay + (spec.lastTweetDay - spec.firstTweetDay) * 3 / 5
        campaignFirstDay = rough - CivilTime.weekday(ofDay: rough) + 1
        let percent = cast?.rename.percentIntoPeriod ?? 0
        renameMinute = (spec.firstTweetDay + (spec.lastTweetDay - spec.firstTweetDay) * percent / 100) * 1440
    }

    /// The most burst tweets a release of this plan holds (bursts use 7 to 12 copy-pasters).
    var maximumBurstTweets: Int { burstCount * 12 }

    /// The handle a retweet of an original posted at `minute` shows for an account whose handle is
    /// now `screenName`: the former one before the planted rename.
    func handle(_ screenName: String, atMinute minute: Int) -> String {
        guard let rename = cast?.rename, rename.screenName == screenName, minute < renameMinute else { return screenName }
        return rename.formerHandle
    }
}
