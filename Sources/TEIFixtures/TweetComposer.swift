/// Writes tweet texts from the invented corpus, with the entities (hashtags, URLs, mentions) that
/// appear in them, and the quirks of real texts: several lines (LF, sometimes CRLF), embedded double
/// quotes, HTML entities, emoji, right-to-left and Cyrillic scripts.
struct TweetComposer {
    let outsiders: [OutsideAccount]
    let words: any Vocabulary.Type

    /// An original text in `language`, or in English now and then.
    func compose(language accountLanguage: String, random: inout SplitMix64,
                 extraHashtag: String? = nil) -> TweetContent {
        if extraHashtag == nil && random.chance(0.03) {
            // Emoji and a link only: the archive labels such texts `und`.
            var content = TweetContent(text: (0..<random.int(in: 1...4)).map { _ in random.pick(words.emoji) }
                .joined(), language: "und")
            appendLink(to: &content, random: &random)
            return content
        }
        let language = random.chance(0.8) ? accountLanguage : random.pick(words.languages)
        var content = TweetContent(text: "", language: language)
        if random.chance(0.12) {
            let outsider = random.pick(outsiders)
            content.text = "@\(outsider.handle) "
            content.mentions.append(outsider.numericID)
            if random.chance(0.1) {
                // The archive writes 0 for a mentioned account it could not resolve.
                content.mentions.append(0)
            }
        }
        var sentences: [String] = []
        for _ in 0..<random.int(in: 1...3) {
            sentences.append(sentence(language, random: &random))
        }
        let separator = random.chance(0.12) ? (random.chance(0.2) ? "\r\n" : "\n") : " "
        content.text += sentences.joined(separator: separator)
        if extraHashtag == nil && random.chance(0.03) {
            content.text += " &amp; " + random.pick(words.tails(language))
        }
        var tags: [String] = []
        if random.chance(0.45) {
            for _ in 0..<random.int(in: 1...3) {
                let tag = random.pick(words.hashtags(language))
                if !tags.contains(tag) { tags.append(tag) }
            }
        }
        if let extraHashtag { tags.insert(extraHashtag, at: min(tags.count, random.below(2))) }
        for tag in tags {
            content.text += (random.chance(0.2) ? "\n#" : " #") + tag
            content.hashtags.append(tag)
        }
        if random.chance(0.2) {
            content.text += " " + (0..<random.int(in: 1...3)).map { _ in random.pick(words.emoji) }.joined()
        }
        appendLink(to: &content, random: &random)
        return content
    }

    /// The text and entities of a retweet of `content` by `handle`: `RT @handle: ` plus the original,
    /// cut to 140 characters with an ellipsis as old retweets were.
    func retweet(of content: TweetContent, handle: String, userID: UInt64?) -> TweetContent {
        var text = "RT @\(handle): " + content.text
        // Counted in scalars, not Characters: grapheme rules change between Unicode versions and the
        // output must not. Cutting inside an emoji sequence is what the archive's texts show too.
        if text.unicodeScalars.count > 140 {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text.unicodeScalars.prefix(139))
            text = String(scalars) + "…"
        }
        var result = content
        result.text = text
        if let userID { result.mentions.insert(userID, at: 0) }
        return result
    }

    private func sentence(_ language: String, random: inout SplitMix64) -> String {
        let subject = random.pick(words.subjects(language))
        if random.chance(0.12) {
            return "\(subject): \(random.pick(words.scareQuotes(language)))? \(random.pick(words.tails(language)))"
        }
        var text = "\(subject) \(random.pick(words.predicates(language)))"
        text += random.chance(0.7) ? "." : "!"
        if random.chance(0.3) { text += " " + random.pick(words.tails(language)) }
        return text
    }

    /// Most texts end in a t.co link; about half of those expand to a listed URL, the rest are media.
    private func appendLink(to content: inout TweetContent, random: inout SplitMix64) {
        guard random.chance(0.7) else { return }
        content.text += " https://t.co/" + AccountBuilder.shortCode(random: &random)
        if random.chance(0.5) {
            content.urls.append(words.url(random: &random))
            if random.chance(0.1) { content.urls.append(words.url(random: &random)) }
        }
    }
}
