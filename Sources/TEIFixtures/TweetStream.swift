/// Produces the tweets of one release one at a time, in file order, in constant memory.
///
/// Planted tweets (copy-paste bursts, the hashtag campaign, the scheduled accounts' runs) are interleaved at random positions
/// among ordinary ones, so the file has exactly `spec.tweetCount` rows.
struct TweetStream: IteratorProtocol {
    let population: Population
    let plan: OperationPlan
    private let schedule: PostingSchedule
    private let composer: TweetComposer
    private let burstSeed: SplitMix64
    private var random: SplitMix64
    private var remainingRows: Int
    private var planted: [PlantedSlot]
    private var nextPlanted = 0
    /// Recent tweets of each amplified account, so that several amplifiers retweet the same ones.
    private var amplifiedOriginals: [[OriginalTweet]]
    private static let originalsKept = 16
    /// Each scheduled account's run: who, from which minute, how many minutes apart.
    private let scheduledRuns: [(author: Int, start: Int, every: Int)]

    init(spec: ReleaseSpec, seed: UInt64) {
        let root = SplitMix64(seed: seed ^ SplitMix64.mix(spec.baseName.stableHash))
        var populationRandom = root.fork(1)
        plan = OperationPlan(spec: spec)
        population = Population(spec: spec, plan: plan, random: &populationRandom)
        schedule = PostingSchedule(firstDay: spec.firstTweetDay, lastDay: spec.lastTweetDay,
                                   officeUTCOffsetHours: spec.cast?.officeUTCOffsetHours ?? 0)
        composer = TweetComposer(outsiders: population.outsiders,
                                 words: spec.kind == .control ? EverydayCorpus.self : TextCorpus.self)
        burstSeed = root.fork(2)
        random = root.fork(3)
        remainingRows = spec.tweetCount
        amplifiedOriginals = Array(repeating: [], count: population.amplifiedTargets.count)

        var slots: [PlantedSlot] = []
        var membersRandom = root.fork(4)
        for burst in 0..<plan.burstCount {
            var crew = population.copyPasters
            for index in stride(from: crew.count - 1, to: 0, by: -1) {
                crew.swapAt(index, membersRandom.below(index + 1))
            }
            let size = min(crew.count, membersRandom.int(in: 7...12))
            slots += crew.prefix(size).map { .burst(burst: burst, account: $0) }
        }
        slots += (0..<plan.campaignTweetCount).map { .campaign(index: $0) }
        var runsRandom = root.fork(5)
        let runLength = plan.scheduledRunLength
        var runs: [(author: Int, start: Int, every: Int)] = []
        for author in population.scheduled {
            let account = population.accounts[author]
            let every = account.postingInterval!
            let firstDay = max(spec.firstTweetDay, account.creationDay + 1)
            let lastStartDay = max(firstDay, spec.lastTweetDay - (every * runLength) / 1440 - 1)
            runs.append((author, runsRandom.int(in: firstDay...lastStartDay) * 1440 + runsRandom.below(1440), every))
        }
        scheduledRuns = runs
        for run in scheduledRuns.indices {
            slots += (0..<runLength).map { .scheduled(run: run, index: $0) }
        }
        planted = Array(slots.prefix(spec.tweetCount))
    }

    mutating func next() -> Tweet? {
        guard remainingRows > 0 else { return nil }
        let plantedLeft = planted.count - nextPlanted
        defer { remainingRows -= 1 }
        if plantedLeft > 0 && random.below(remainingRows) < plantedLeft {
            let slot = planted[nextPlanted]
            nextPlanted += 1
            switch slot {
            case .burst(let burst, let account): return burstTweet(burst: burst, author: account)
            case .campaign(let index): return campaignTweet(index: index)
            case .scheduled(let run, let index): return scheduledTweet(run: run, index: index)
            }
        }
        return ordinaryTweet()
    }

    // MARK: Planted tweets

    /// Every member of a burst posts the same text within five minutes of the burst's start.
    private mutating func burstTweet(burst: Int, author: Int) -> Tweet {
        var shared = burstSeed.fork(UInt64(burst))
        let language = shared.pick(["en", "en", "ru", "ar"])
        var content = composer.compose(language: language, random: &shared)
        content.language = language == "ar" || language == "ru" ? language : content.language
        if !content.text.contains("https://t.co/") {
            content.text += " https://t.co/" + AccountBuilder.shortCode(random: &shared)
        }
        let firstDay = max(schedule.firstDay, plan.clusterFirstDay + plan.clusterDayCount + 1)
        var day = shared.int(in: firstDay...schedule.lastDay)
        let weekday = CivilTime.weekday(ofDay: day)
        if weekday >= 5 { day -= weekday - 4 }
        let start = schedule.officeMinute(on: max(day, firstDay), random: &shared)
        return makeTweet(author: author, minute: start + random.below(5), content: content)
    }

    /// Campaign tweets crowd into a three-day spike; the rest are spread over the whole period.
    private mutating func campaignTweet(index: Int) -> Tweet {
        let author = population.pickAuthor(random: &random)
        let account = population.accounts[author]
        let minute: Int
        if index < plan.campaignSpikeTweetCount {
            let day = plan.campaignFirstDay + random.below(plan.campaignDayCount)
            if case .officeHours = account.habit {
                minute = schedule.officeMinute(on: day, random: &random)
            } else {
                minute = day * 1440 + random.below(1440)
            }
        } else {
            // Outside the spike means outside its days, so that the spike's size is exact.
            let spike = (plan.campaignFirstDay * 1440)..<((plan.campaignFirstDay + plan.campaignDayCount) * 1440)
            var drawn = schedule.minute(for: account, random: &random)
            for _ in 0..<10 where spike.contains(drawn) {
                drawn = schedule.minute(for: account, random: &random)
            }
            minute = drawn
        }
        let content = composer.compose(language: account.postingLanguage, random: &random,
                                       extraHashtag: plan.campaignHashtag)
        return makeTweet(author: author, minute: minute, content: content)
    }

    /// A scheduled account posts exactly `every` minutes after its previous tweet, day and night.
    private mutating func scheduledTweet(run: Int, index: Int) -> Tweet {
        let (author, start, every) = scheduledRuns[run]
        let content = composer.compose(language: population.accounts[author].postingLanguage, random: &random)
        return makeTweet(author: author, minute: start + index * every, content: content)
    }

    // MARK: Ordinary tweets

    private mutating func ordinaryTweet() -> Tweet {
        let author = population.pickAuthor(random: &random)
        let account = population.accounts[author]
        let minute = schedule.minute(for: account, random: &random)
        let retweetShare: Double = switch account.role {
        case .amplifier: 0.88
        case .flagship: 0.05
        case .ordinary: 0.25
        default: 0.28
        }
        if random.chance(retweetShare) {
            let original = originalToRetweet(by: account, before: minute)
            var tweet = makeTweet(author: author, minute: minute,
                                  content: composer.retweet(of: original.content, handle: original.handle,
                                                            userID: original.numericUserID))
            tweet.retweetOf = (original.userID, original.tweetID)
            tweet.pollChoices = ""
            return tweet
        }
        var content = composer.compose(language: account.postingLanguage, random: &random)
        var inReplyTo: (userID: String, tweetID: UInt64)?
        var quoted: UInt64?
        let roll = random.unit()
        if roll < 0.08 {
            let earlier = minute - 1 - random.below(600)
            if random.chance(0.6) {
                let outsider = random.pick(population.outsiders)
                if !content.text.hasPrefix("@") {
                    content.text = "@\(outsider.handle) " + content.text
                    content.mentions.insert(outsider.numericID, at: 0)
                }
                inReplyTo = (String(outsider.numericID), Snowflake.id(inMinute: earlier, using: &random))
            } else {
                let other = random.pick(population.accounts)
                inReplyTo = (other.userID, Snowflake.id(inMinute: earlier, using: &random))
            }
        } else if roll < 0.13 {
            quoted = Snowflake.id(inMinute: minute - 1 - random.below(2880), using: &random)
            if !content.text.contains("https://t.co/") {
                content.text += " https://t.co/" + AccountBuilder.shortCode(random: &random)
            }
        }
        var tweet = makeTweet(author: author, minute: minute, content: content)
        tweet.inReplyTo = inReplyTo
        tweet.quotedTweetID = quoted
        return tweet
    }

    /// Amplifiers mostly retweet the few amplified accounts, piling onto the same tweets; others
    /// retweet the operation's flagships or assorted outside accounts.
    private mutating func originalToRetweet(by account: Account, before minute: Int) -> OriginalTweet {
        if account.role == .amplifier && !amplifiedOriginals.isEmpty && random.chance(0.9) {
            let target = random.below(amplifiedOriginals.count)
            let kept = amplifiedOriginals[target]
            if !kept.isEmpty && random.chance(0.5) {
                let candidate = random.pick(kept)
                if candidate.minute < minute { return candidate }
            }
            let outsider = population.outsiders[population.amplifiedTargets[target]]
            let original = freshOriginal(userID: String(outsider.numericID), handle: outsider.handle,
                                         numericUserID: outsider.numericID, language: "en", before: minute)
            if kept.count == Self.originalsKept {
                amplifiedOriginals[target].remove(at: random.below(kept.count))
            }
            amplifiedOriginals[target].append(original)
            return original
        }
        if account.role != .flagship && !population.flagships.isEmpty && random.chance(0.35) {
            let flagship = population.accounts[random.pick(population.flagships)]
            return freshOriginal(userID: flagship.userID, handle: flagship.screenName,
                                 numericUserID: flagship.numericID, language: flagship.language, before: minute)
        }
        let others = population.outsiders.count - population.amplifiedTargets.count
        let outsider = others > 0
            ? population.outsiders[population.amplifiedTargets.count + random.below(others)]
            : random.pick(population.outsiders)
        return freshOriginal(userID: String(outsider.numericID), handle: outsider.handle,
                             numericUserID: outsider.numericID, language: random.pick(["en", "ru", "fr"]),
                             before: minute)
    }

    private mutating func freshOriginal(userID: String, handle: String, numericUserID: UInt64,
                                        language: String, before minute: Int) -> OriginalTweet {
        let originalMinute = minute - 1 - random.below(720)
        return OriginalTweet(tweetID: Snowflake.id(inMinute: originalMinute, using: &random),
                             minute: originalMinute, userID: userID, handle: plan.handle(handle, atMinute: originalMinute),
                             numericUserID: numericUserID,
                             content: composer.compose(language: language, random: &random))
    }

    // MARK: Common fields

    private mutating func makeTweet(author: Int, minute: Int, content: TweetContent) -> Tweet {
        let account = population.accounts[author]
        let scale = account.role == .flagship ? 200 : 8
        let counts: (Int, Int, Int, Int)? = random.chance(0.05) ? nil : (
            random.chance(0.05) ? random.below(scale / 4 + 2) : 0,
            random.chance(0.1) ? random.below(scale / 2 + 2) : 0,
            random.chance(0.4) ? AccountBuilder.logUniform(1...scale * 10, random: &random) : 0,
            random.chance(0.3) ? AccountBuilder.logUniform(1...scale * 5, random: &random) : 0)
        let tweetID = Snowflake.id(inMinute: minute, using: &random)
        // A program posts through one app; people switch now and then. (Drawn for everyone, so
        // that the rest of the stream does not depend on who posted.)
        let keepsApp = random.chance(0.85)
        let otherApp = keepsApp ? "" : random.pick(composer.words.clients)
        return Tweet(
            tweetID: tweetID, author: author, minute: minute,
            content: content,
            client: keepsApp || account.postingInterval != nil ? account.preferredClient : otherApp,
            inReplyTo: nil, quotedTweetID: nil, retweetOf: nil,
            geoPresent: random.chance(0.01), counts: counts, emptyListsBlank: random.chance(0.1),
            pollChoices: random.chance(0.003) ? random.pick(TextCorpus.pollChoices) : "")
    }
}
