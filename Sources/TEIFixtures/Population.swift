/// The accounts of one release (the operation's own, or a control group's, and the outside ones
/// they talk to) and how often each account posts.
struct Population {
    let accounts: [Account]
    let outsiders: [OutsideAccount]
    /// Indices into `outsiders` of the few accounts the amplifiers retweet.
    let amplifiedTargets: [Int]
    let flagships: [Int]
    let copyPasters: [Int]
    /// Accounts that post only on their schedule, never as ordinary authors.
    let scheduled: [Int]
    /// Running totals of posting weight, for picking authors with a skewed distribution.
    private let cumulativeWeights: [Double]

    init(spec: ReleaseSpec, plan: OperationPlan, random: inout SplitMix64) {
        var builder = AccountBuilder(spec: spec, plan: plan)
        var accounts: [Account] = []
        accounts.reserveCapacity(spec.accountCount)
        var roles: [AccountRole] = Array(repeating: .flagship, count: plan.flagshipCount)
        roles += Array(repeating: .copyPaster, count: plan.copyPasterCount)
        roles += Array(repeating: .clusterMember, count: plan.clusterSize - plan.copyPasterCount)
        roles += Array(repeating: .amplifier, count: plan.amplifierCount)
        roles += Array(repeating: .scheduled, count: plan.scheduledCount)
        roles += Array(repeating: .repurposed, count: plan.repurposedCount)
        roles += Array(repeating: spec.kind == .control ? .ordinary : .regular, count: spec.accountCount - roles.count)
        for (index, role) in roles.enumerated() {
            accounts.append(builder.account(role: role, ordinal: index, random: &random))
        }
        // Shuffle so that the file order of accounts reveals nothing about their roles.
        for index in stride(from: accounts.count - 1, to: 0, by: -1) {
            accounts.swapAt(index, random.below(index + 1))
        }
        self.accounts = accounts
        flagships = accounts.indices.filter { accounts[$0].role == .flagship }
        copyPasters = accounts.indices.filter { accounts[$0].role == .copyPaster }
        scheduled = accounts.indices.filter { accounts[$0].postingInterval != nil }

        let outsiderCount = max(60, spec.accountCount / 10)
        outsiders = (0..<outsiderCount).map { builder.outsider(ordinal: $0, random: &random) }
        amplifiedTargets = Array(0..<min(plan.amplifiedTargetCount, outsiderCount))
        cumulativeWeights = Self.cumulativeWeights(for: accounts, random: &random)
    }

    /// Picks the author of an ordinary tweet: a few accounts post most of them.
    func pickAuthor(random: inout SplitMix64) -> Int {
        guard let total = cumulativeWeights.last, total > 0 else { return random.below(accounts.count) }
        let target = random.unit() * total
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Zipf-like weights over a random ranking, then rescaled so that amplifiers write about a
    /// quarter of the ordinary tweets, flagships about a tenth and the repurposed accounts enough to
    /// be seen, whatever the population size; scheduled accounts get none, since they post only on
    /// their schedule.
    private static func cumulativeWeights(for accounts: [Account], random: inout SplitMix64) -> [Double] {
        var ranks = Array(accounts.indices)
        for index in stride(from: ranks.count - 1, to: 0, by: -1) {
            ranks.swapAt(index, random.below(index + 1))
        }
        var weights = Array(repeating: 0.0, count: accounts.count)
        for (rank, index) in ranks.enumerated() {
            weights[index] = 1.0 / Double(rank + 2)
        }
        let shares: [AccountRole: Double] = [.amplifier: 0.25, .flagship: 0.1, .repurposed: 0.06, .scheduled: 0]
        var groupTotals: [AccountRole: Double] = [:]
        for (index, account) in accounts.enumerated() where shares[account.role] != nil {
            groupTotals[account.role, default: 0] += weights[index]
        }
        let restTotal = accounts.indices.filter { shares[accounts[$0].role] == nil }.reduce(0.0) { $0 + weights[$1] }
        let restShare = 1.0 - groupTotals.keys.reduce(0.0) { $0 + shares[$1]! }
        var running = 0.0
        return accounts.indices.map { index in
            let role = accounts[index].role
            if let share = shares[role], let groupTotal = groupTotals[role] {
                running += weights[index] / groupTotal * share
            } else if restTotal > 0 {
                running += weights[index] / restTotal * restShare
            }
            return running
        }
    }
}
