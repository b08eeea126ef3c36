/// One tweet that belongs to a planted finding rather than to ordinary activity.
enum PlantedSlot {
    /// Copy-paster `account` posting the identical text of burst `burst`.
    case burst(burst: Int, account: Int)
    /// The `index`-th tweet of the hashtag campaign.
    case campaign(index: Int)
    /// The `index`-th tweet of scheduled run `run`.
    case scheduled(run: Int, index: Int)
}
